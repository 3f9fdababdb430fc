package org.skaben.metrics;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /metrics} on the API's port: every meter of the {@code metricsRegistry} in the Prometheus text
 * format, for a Prometheus server to scrape. Like /health it needs no token: it tells counts, never names.
 */
public class MetricsRoutes extends RouteBuilder {

    /** The Prometheus text exposition format that {@code PrometheusMeterRegistry.scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    public void configure() {
        rest("/metrics").produces(CONTENT_TYPE)
                .get().routeId("metrics").to("direct:metrics");

        from("direct:metrics").routeId("metrics-scrape")
                .bean("devicesOnline", "refresh")
                .setBody(method("metricsRegistry", "scrape()"))
                .setHeader(Exchange.CONTENT_TYPE, constant(CONTENT_TYPE));
    }
}
