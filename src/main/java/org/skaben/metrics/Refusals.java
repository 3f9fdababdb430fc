package org.skaben.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.apache.camel.Header;
import org.skaben.Headers;

/** {@code skaben_refusals_total}: refused device packets, by {@link RefusalCategory}. */
public class Refusals {

    private final Map<RefusalCategory, Counter> counters = new EnumMap<>(RefusalCategory.class);

    public Refusals(MeterRegistry registry) {
        for (RefusalCategory category : RefusalCategory.values()) {
            counters.put(category, Counter.builder("skaben.refusals")
                    .description("Device packets refused as bad input, by kind of reason")
                    .tag("reason", category.label()).register(registry));
        }
    }

    /** A packet was refused for this reason (the journal's text). */
    public void count(@Header(Headers.DETAIL) String reason) {
        counters.get(RefusalCategory.of(reason)).increment();
    }
}
