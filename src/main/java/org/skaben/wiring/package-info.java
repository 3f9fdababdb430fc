/**
 * Where every bean the routes call by name comes from: one configuration class per concern, one
 * {@code @BindToRegistry} method per bean, named after the bean, its settings as {@code @PropertyInject}
 * parameters (beans that need no code are {@code camel.beans.*} in application.properties).
 *
 * <p>camel-main finds these classes by scanning the package, in no fixed order, so every bean is
 * {@code lazy}: it is made the first time a route, a health check or another bean asks for it, and a bean of
 * another class is asked for by name ({@code @BeanInject}). Only the embedded broker starts at once, before
 * the routes connect to it. A route test starts this wiring without the broker ({@code skaben.mqtt.embedded=false})
 * and without Flyway ({@code skaben.db.migrate=false}), replaces the beans its route calls, and nothing it does
 * not ask for is ever made.
 */
package org.skaben.wiring;
