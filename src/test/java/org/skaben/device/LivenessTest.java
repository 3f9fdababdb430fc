package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Liveness on a clock of its own: 60 s keepalive timeout, the server started at T0. */
class LivenessTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long S = 1000;

    private final AtomicLong clock = new AtomicLong(T0);
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, Long> heard = new HashMap<>();
    private final Liveness liveness = new Liveness(60 * S, clock::get, () -> List.copyOf(devices), heard::get);

    /** A device as the registry read it at start, with the last-seen stored then (null: never heard). */
    private void stored(String uid, Long lastSeen) {
        devices.add(new Device(uid, "lock", Map.of(), Map.of(), "", lastSeen, false, 0));
        if (lastSeen != null) {
            heard.put(uid, lastSeen);
        }
    }

    private void at(long millis) {
        clock.set(millis);
    }

    /** The changes due now, each reported journaled, as "uid kind: detail". */
    private List<String> tick() {
        List<String> rows = new ArrayList<>();
        for (Liveness.Transition t : liveness.due()) {
            liveness.journaled(t);
            rows.add(t.uid() + " " + t.kind() + ": " + t.detail());
        }
        return rows;
    }

    @Test
    void aDeviceGoneSilentIsJournaledOnceAndOnceWhenItIsBack() {
        stored("a", T0 - 5 * S);
        assertEquals(List.of(), tick(), "online at start, as the previous run saw it: no row");
        at(T0 + 30 * S);
        heard.put("a", T0 + 30 * S);
        assertEquals(List.of(), tick());
        at(T0 + 90 * S);
        assertEquals(List.of(), tick(), "60 s silent: not yet over the timeout");
        at(T0 + 95 * S);
        assertEquals(List.of("a offline: no PONG for 65 s (timeout 60 s)"), tick());
        at(T0 + 300 * S);
        assertEquals(List.of(), tick(), "still away: no second row");
        heard.put("a", T0 + 300 * S);
        assertEquals(List.of("a online: back after 4 min"), tick());
        assertEquals(List.of(), tick());
    }

    @Test
    void aChangeNotReportedJournaledIsProposedAgain() {
        stored("a", T0);
        tick();
        at(T0 + 61 * S);
        assertEquals(1, liveness.due().size());
        assertEquals(List.of("a offline: no PONG for 61 s (timeout 60 s)"), tick(), "the row failed: again");
    }

    @Test
    void afterARestartDevicesStartAsThePreviousRunLastSawThem() {
        // the previous run stopped ten minutes before this one started
        long stopped = T0 - 600 * S;
        stored("online-before", stopped);
        stored("online-too", stopped - 50 * S);
        stored("away-before", stopped - 200 * S);
        stored("never-heard", null);
        assertEquals(List.of(), tick(), "no row at start");
        at(T0 + 30 * S);
        heard.put("online-before", T0 + 30 * S);
        assertEquals(List.of(), tick(), "a device online before answers the new run: no row, and no one offline "
                + "within the timeout after the start (grace)");
        at(T0 + 61 * S);
        assertEquals(List.of("online-too offline: no PONG for 11 min (timeout 60 s)"), tick(),
                "only the device online before that did not come back; the ones away before stay unjournaled");
        heard.put("away-before", T0 + 62 * S);
        heard.put("never-heard", T0 + 62 * S);
        at(T0 + 62 * S);
        assertEquals(List.of("away-before online: back after 14 min", "never-heard online: first heard"), tick());
    }

    @Test
    void aDeviceHeardBeforeTheFirstCheckOrRegisteredLaterStartsAsItIsWithoutARow() {
        stored("a", T0 - 3600 * S);
        heard.put("a", T0 + S);
        at(T0 + S);
        assertEquals(List.of(), tick(), "heard by this run before the first check: online, no row");
        devices.add(new Device("new", "lock", Map.of(), Map.of(), "", null, false, T0 + 2 * S));
        heard.put("new", T0 + 2 * S);
        devices.add(new Device("api", "lock", Map.of(), Map.of(), "", null, false, T0 + 2 * S));
        at(T0 + 2 * S);
        assertEquals(List.of(), tick(), "registered by its first packet (journaled as registered): no row");
        at(T0 + 100 * S);
        assertEquals(List.of("a offline: no PONG for 99 s (timeout 60 s)",
                "new offline: no PONG for 98 s (timeout 60 s)"), tick(),
                "registered over the API and never heard: offline from the start, no row");
    }

    /** With a 10 s timeout (60 s: a device cannot go away twice within a minute), gone and back at T0 + 12 s. */
    private Liveness flapped() {
        Liveness quick = new Liveness(10 * S, clock::get, () -> List.copyOf(devices), heard::get);
        stored("a", T0);
        assertEquals(List.of(), kinds(quick));
        at(T0 + 11 * S);
        assertEquals(List.of("offline: no PONG for 11 s (timeout 10 s)"), kinds(quick));
        heard.put("a", T0 + 12 * S);
        at(T0 + 12 * S);
        assertEquals(List.of("online: back after 12 s"), kinds(quick), "back: journaled at once");
        return quick;
    }

    private static List<String> kinds(Liveness liveness) {
        List<String> rows = new ArrayList<>();
        for (Liveness.Transition t : liveness.due()) {
            liveness.journaled(t);
            rows.add(t.kind() + ": " + t.detail());
        }
        return rows;
    }

    @Test
    void aFlappingDeviceGetsAtMostOnePairAMinute() {
        Liveness quick = flapped();
        at(T0 + 30 * S);
        assertEquals(List.of(), kinds(quick), "away again 18 s, within a minute of its offline row: it waits");
        at(T0 + 70 * S);
        assertEquals(List.of(), kinds(quick));
        at(T0 + 71 * S);
        assertEquals(List.of("offline: no PONG for 59 s (timeout 10 s)"), kinds(quick),
                "the minute is up and it is still away");
    }

    @Test
    void aDropoutOverBeforeTheMinuteIsUpIsNotJournaled() {
        Liveness quick = flapped();
        at(T0 + 30 * S);
        assertEquals(List.of(), kinds(quick), "away again 18 s: it waits");
        heard.put("a", T0 + 65 * S);
        at(T0 + 71 * S);
        assertEquals(List.of(), kinds(quick), "back before the minute was up: journaled online all along");
        at(T0 + 76 * S);
        assertEquals(List.of("offline: no PONG for 11 s (timeout 10 s)"), kinds(quick), "away again, past the minute");
    }

    @Test
    void aDeletedDeviceIsForgotten() {
        stored("a", T0);
        tick();
        devices.clear();
        at(T0 + 61 * S);
        assertEquals(List.of(), tick());
    }

    @Test
    void durationsReadAsAGameMasterReadsThem() {
        assertEquals("65 s", Liveness.duration(65 * S));
        assertEquals("3 min", Liveness.duration(200 * S));
        assertEquals("2 h", Liveness.duration(7300 * S));
    }
}
