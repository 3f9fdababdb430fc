package org.skaben.metrics;

import java.util.List;
import java.util.function.Predicate;

/**
 * What kind of bad input a refusal was, read from its reason (the text of a
 * {@link org.skaben.protocol.PacketRefused}): a small fixed set a metric can be tagged with, where the reason
 * itself names devices, fields and values.
 */
public enum RefusalCategory {
    /** The topic is not {@code ask/<type>/<uid>/<command>}, or addresses {@code all} where it may not. */
    TOPIC("topic"),
    /** The payload is not a well-formed packet: encoding, JSON syntax or shape, task_id, hash, INFO datahold. */
    JSON("json"),
    /** The payload is over the size or JSON depth limit. */
    SIZE("size"),
    /** The timestamp is missing, not an integer, or out of range. */
    TIMESTAMP("timestamp"),
    /** The device type does not exist or is switched off. */
    UNKNOWN_TYPE("unknown-type"),
    /** The device may not talk to the server: not registered (and may not register now), or of another type. */
    UNREGISTERED("unregistered"),
    /** A SUP or INFO repeated with a task_id already applied. */
    DUPLICATE("duplicate"),
    /** A SUP that changes fields the device's type does not allow, or with values of the wrong kind. */
    SUP_FIELD("sup-field"),
    /** Any reason not listed above. */
    OTHER("other");

    private record Rule(Predicate<String> matches, RefusalCategory category) {
    }

    // in order: the first match wins (a JSON error caused by a limit is a size refusal)
    private static final List<Rule> RULES = List.of(
            new Rule(r -> r.startsWith("payload of ") && r.contains("over the limit"), SIZE),
            new Rule(r -> r.startsWith("payload is not valid JSON") && r.contains("exceeds the maximum"), SIZE),
            new Rule(r -> r.startsWith("empty payload") || r.startsWith("payload ") || r.startsWith("task_id ")
                    || r.startsWith("hash ") || r.startsWith("INFO datahold"), JSON),
            new Rule(r -> r.startsWith("timestamp "), TIMESTAMP),
            new Rule(r -> r.equals("empty topic") || r.startsWith("topic ") || r.contains("topic levels")
                    || r.startsWith("malformed ") || r.startsWith("unknown command")
                    || r.startsWith("the broadcast address"), TOPIC),
            new Rule(r -> r.startsWith("unknown device type") || r.startsWith("device type ") && r.endsWith("switched off"),
                    UNKNOWN_TYPE),
            new Rule(r -> r.startsWith("device ") && (r.contains(" is not registered") || r.contains(" is registered as ")),
                    UNREGISTERED),
            new Rule(r -> r.startsWith("duplicate task_id"), DUPLICATE),
            new Rule(r -> r.startsWith("SUP datahold") || r.startsWith("field '"), SUP_FIELD));

    private final String label;

    RefusalCategory(String label) {
        this.label = label;
    }

    /** The tag value. */
    public String label() {
        return label;
    }

    public static RefusalCategory of(String reason) {
        if (reason == null) {
            return OTHER;
        }
        for (Rule rule : RULES) {
            if (rule.matches().test(reason)) {
                return rule.category();
            }
        }
        return OTHER;
    }
}
