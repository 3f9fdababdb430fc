package org.skaben.routes;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;

/**
 * A route test: the server's own wiring (org.skaben.wiring), started by camel-test-main-junit5 as the server
 * starts it, but without broker, Flyway, HTTP server and Java routes (route-test.properties). A test class
 * is annotated
 * <pre>
 * &#64;CamelMainTest(mainClass = SkabenServer.class,
 *         propertyPlaceholderLocations = {RouteTestSupport.SETTINGS, RouteTestSupport.APPLICATION},
 *         properties = "camel.main.routes-include-pattern=file:routes/error-policy.camel.yaml,file:routes/x.yaml",
 *         mockEndpointsAndSkip = "direct:(journal|cup-push)|paho-mqtt5:.*|seda:.*")
 * </pre>
 * and replaces every bean its routes call with {@code @ReplaceInRegistry} (a fake, or one it builds on its
 * own data source). The wiring's beans are lazy: a bean nobody asks for is never made, so nothing touches the
 * database or the broker unless the test asks for it.
 */
public abstract class RouteTestSupport {

    /** The settings of every route test, before application.properties. */
    public static final String SETTINGS = "classpath:route-test.properties";
    public static final String APPLICATION = "classpath:application.properties";

    /**
     * {@code @ReplaceInRegistry} binds its bean beside the wiring's lazy one, which a lookup would still find
     * first: the wiring's is unbound here, after the wiring has bound its beans and before the test binds its own.
     */
    @Configure
    protected void unbindWhatTheTestReplaces(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new UnbindReplacedBeans(replacedBeanNames(getClass())));
    }

    /**
     * Run after every configuration class has bound its beans. camel-main's package scan finds this class in
     * every test under org.skaben and makes one with nothing to unbind: no anonymous class here, the scan
     * could not make that.
     */
    public static final class UnbindReplacedBeans implements CamelConfiguration {

        private final List<String> names;

        public UnbindReplacedBeans() {
            this(List.of());
        }

        UnbindReplacedBeans(List<String> names) {
            this.names = names;
        }

        @Override
        public void configure(CamelContext camel) {
            names.forEach(camel.getRegistry()::unbind);
        }
    }

    private static List<String> replacedBeanNames(Class<?> testClass) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = testClass; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(ReplaceInRegistry.class)) {
                    names.add(field.getName());
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(ReplaceInRegistry.class)) {
                    names.add(method.getName());
                }
            }
        }
        return names;
    }
}
