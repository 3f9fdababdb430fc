/**
 * Where every bean the routes call by name comes from: one configuration class per concern, one
 * {@code @BindToRegistry} method per bean, named after the bean, its settings as {@code @PropertyInject}
 * parameters (beans that need no code are {@code camel.beans.*} in application.properties).
 *
 * <p>camel-main finds these classes by scanning the package, in no fixed order, so every bean is
 * {@code lazy}: it is made the first time a route, a health check or another bean asks for it, and a bean of
 * another class is asked for by name ({@code @BeanInject}). Only the embedded broker is asked for at once
 * ({@link org.skaben.wiring.BrokerConfiguration#configure}), so it listens before the routes connect.
 *
 * <p>A route test (src/test/java/org/skaben/routes/RouteTestSupport) starts this wiring without the broker
 * ({@code skaben.mqtt.embedded=false}) and without Flyway ({@code skaben.db.migrate=false}) and replaces the
 * beans its route calls: a bean nobody asks for is never made, so nothing else touches the database.
 */
package org.skaben.wiring;
