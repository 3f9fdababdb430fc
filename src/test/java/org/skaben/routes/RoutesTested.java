package org.skaben.routes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The ids of the routes (and route configurations) in routes/ that a route test covers: EveryRouteHasATestTest
 * fails for an id in routes/ that no test class names here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RoutesTested {
    String[] value();
}
