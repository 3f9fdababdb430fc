package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.skaben.Headers;
import org.skaben.SkabenServer;
import org.skaben.metrics.PacketCounts;
import org.skaben.metrics.Refusals;
import org.skaben.protocol.Packet;
import org.skaben.protocol.Topic;

/**
 * A route test: the server's own wiring (org.skaben.wiring), started by camel-test-main-junit5 as the server
 * starts it, but without broker, Flyway, HTTP server and Java routes (route-test.properties). A test class
 * is annotated
 * <pre>
 * &#64;CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
 *         properties = RouteTestSupport.ROUTES + "x.camel.yaml",
 *         mockEndpointsAndSkip = "direct:(journal|cup-push)|paho-mqtt5:.*|seda:.*")
 * &#64;RoutesTested({"x", "y"})
 * </pre>
 * (the wiring is found as the server finds it, by scanning org.skaben: see {@link #configure}) and replaces
 * every bean its routes call with {@code @ReplaceInRegistry} (a fake of {@link RouteFakes}, or
 * one it builds on its own data source). The wiring's beans are lazy: a bean nobody asks for is never made, so
 * nothing touches the database or the broker unless the test asks for it. Every test has the beans here
 * (metrics on a meter registry of its own, a {@link RecordingGame}); one Camel context serves the methods of a
 * class, and the mocks, the game and the counts start afresh for each method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RouteTestSupport implements CamelContextAware {

    /** The settings of every route test (route-test.properties), before application.properties. */
    public static final String SETTINGS = "classpath:route-test.properties,classpath:application.properties";
    /** {@code properties = ROUTES + "x.camel.yaml"}: the error policy and a route file, as the server loads them. */
    public static final String ROUTES = "camel.main.routes-include-pattern=file:routes/error-policy.camel.yaml,"
            + "file:routes/";
    /** The same for a rule: {@code properties = RULES + "x.camel.yaml"}. */
    public static final String RULES = ROUTES + "rules/";

    /** The uid of the device in a test's packets. */
    protected static final String UID = "aabbccddeeff";

    protected final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    @ReplaceInRegistry
    protected Refusals refusals = new Refusals(metrics);
    @ReplaceInRegistry
    protected PacketCounts packetCounts = new PacketCounts(metrics);
    @ReplaceInRegistry
    protected RecordingGame game = new RecordingGame();

    protected CamelContext context;
    protected ProducerTemplate template;
    private final Map<Meter.Id, Double> countsBefore = new HashMap<>();

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
        this.template = camelContext.createProducerTemplate();
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    /** Before each test method (and where a test loops over cases): the mocks, fakes and counts start afresh. */
    @BeforeEach
    protected void startAfresh() {
        MockEndpoint.resetMocks(context);
        for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (RouteFakes.Fake.class.isAssignableFrom(field.getType()) && field.trySetAccessible()) {
                    try {
                        ((RouteFakes.Fake) field.get(this)).reset();
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        countsBefore.clear();
        metrics.getMeters().stream().filter(Counter.class::isInstance)
                .forEach(m -> countsBefore.put(m.getId(), ((Counter) m).count()));
    }

    /** The mock that stands for this endpoint (mockEndpoints or mockEndpointsAndSkip): mock:direct:journal, ... */
    protected MockEndpoint mock(String uri) {
        return context.getEndpoint("mock:" + uri, MockEndpoint.class);
    }

    /** Sends a message and returns the exchange as it came back (its exception, if any, not thrown). */
    protected Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    /**
     * The game calls a rule makes on this event, sent to direct:event (the rule test's replaceRouteFromWith) with
     * these headers and skabenUid {@link #UID}.
     */
    protected List<String> gameCallsOn(Object body, Object... headers) {
        game.calls.clear();
        Map<String, Object> all = headers(Headers.UID, UID);
        all.putAll(headers(headers));
        assertHandled(send("direct:event", body, all));
        return List.copyOf(game.calls);
    }

    /**
     * An entering-* rule: entering {@code state} makes exactly these game calls, while another state or a
     * counter move within {@code state} makes none.
     */
    protected void assertEnteringMakes(String state, String otherState, String... calls) {
        assertEquals(List.of(calls), gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, state));
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, otherState));
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-counter", Headers.ALERT_STATE, state));
    }

    protected static Map<String, Object> headers(Object... namesAndValues) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** The headers the ingress route sets on a device packet, and more. */
    protected static Map<String, Object> device(String type, String uid, String command, Object... more) {
        Map<String, Object> headers = headers(Headers.TYPE, type, Headers.UID, uid, Headers.COMMAND, command,
                Headers.SOURCE, "device", "CamelMqttTopic", "ask/" + type + "/" + uid + "/" + command);
        headers.putAll(headers(more));
        return headers;
    }

    /** The body the ingress route leaves for a device packet. */
    protected static Packet packet(String type, String uid, String command, Map<String, Object> payload) {
        return new Packet("ask/" + type + "/" + uid + "/" + command, new Topic(type, uid, command), payload, 1000L);
    }

    /** The one message this mock got (it fails when it got none or more). */
    protected static Message only(MockEndpoint mock) {
        assertEquals(1, mock.getReceivedCounter(), mock.getEndpointUri() + " received");
        return mock.getReceivedExchanges().get(0).getMessage();
    }

    /** Asserts headers by name and value; a null value: the header is not set. */
    protected static Message assertHeaders(Message message, Object... namesAndValues) {
        headers(namesAndValues).forEach((name, value) -> assertEquals(value, message.getHeader(name), name));
        return message;
    }

    /** The one entry sent to the journal route (mocked as mock:direct:journal), of this kind and detail. */
    protected Message journaled(String kind, String detail) {
        return assertHeaders(only(mock("direct:journal")), Headers.KIND, kind, Headers.DETAIL, detail);
    }

    protected static void assertReachedNone(MockEndpoint... mocks) {
        for (MockEndpoint mock : mocks) {
            assertEquals(0, mock.getReceivedCounter(), mock.getEndpointUri() + " received");
        }
    }

    protected static void assertHandled(Exchange exchange) {
        assertNull(exchange.getException(), "the exchange came back without an error");
    }

    /** How much this counter ({@code name{tag=value}}) rose in this test method. */
    protected double counted(String name, String tag, String value) {
        Counter counter = metrics.get(name).tag(tag, value).counter();
        return counter.count() - countsBefore.getOrDefault(counter.getId(), 0.0);
    }

    /**
     * {@code @ReplaceInRegistry} binds its bean beside the wiring's lazy one, which a lookup would still find
     * first: the wiring's is unbound here, after the wiring has bound its beans and before the test binds its own.
     */
    /**
     * The wiring, found as the server finds it (SkabenServer's package, what {@code @CamelMainTest(mainClass)}
     * does), and the beans the test replaces unbound from it.
     */
    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withBasePackageScan(SkabenServer.class.getPackageName());
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
