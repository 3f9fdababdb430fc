package org.skaben.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A device's world without a broker: what it published, and its timers, run when the test says so. */
final class FakeLink implements DeviceLink {

    record Sent(String topic, Map<String, Object> payload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> datahold() {
            return (Map<String, Object>) payload.get("datahold");
        }
    }

    record Timer(long delayMillis, Runnable task, boolean[] cancelled) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();

    static FakeLink attachedTo(VirtualDevice device) {
        FakeLink link = new FakeLink();
        device.attach(link);
        return link;
    }

    @Override
    public void publish(String topic, Map<String, Object> payload) {
        sent.add(new Sent(topic, payload));
    }

    @Override
    public Runnable schedule(long delayMillis, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(delayMillis, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public boolean connected() {
        return true;
    }

    /** Runs the timers that were not cancelled (as if their time had come), in the order they were set. */
    void runTimers() {
        List<Timer> due = new ArrayList<>(timers);
        timers.clear();
        for (Iterator<Timer> it = due.iterator(); it.hasNext(); ) {
            Timer t = it.next();
            if (!t.cancelled()[0]) {
                t.task().run();
            }
        }
    }

    /** Timers neither run nor cancelled. */
    List<Timer> pending() {
        return timers.stream().filter(t -> !t.cancelled()[0]).toList();
    }

    /** What was sent and not taken yet; the list is empty afterwards. */
    List<Sent> take() {
        List<Sent> all = new ArrayList<>(sent);
        sent.clear();
        return all;
    }

    Sent only() {
        List<Sent> all = take();
        if (all.size() != 1) {
            throw new AssertionError("expected one packet, got " + all);
        }
        return all.get(0);
    }
}
