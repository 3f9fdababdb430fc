package org.skaben.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The setting skaben.demo.devices, {@code lock:2,terminal:1,rgb:1,scl:1,pwr:1} (a type alone means one), read
 * into the virtual devices it asks for. Each gets a stable uid from its type and number: a locally administered
 * MAC address {@code 02:5a:be:TT:NN:NN} (TT the type, NNNN the number from 1), so a virtual device keeps its
 * config, permissions and journal across restarts and never takes the address of real hardware.
 */
public final class DemoDeviceList {

    /** One virtual device to start. */
    public record Entry(String type, int number, String uid) {
    }

    /** The kinds of device the rehearsal can play, and the byte of each in the uid. */
    static final Map<String, Integer> TYPES = Map.of("lock", 1, "terminal", 2, "rgb", 3, "scl", 4, "pwr", 5,
            "box", 6);
    static final String UID_PREFIX = "025abe";
    static final int MAX_PER_TYPE = 99;

    private DemoDeviceList() {
    }

    /** The entries of the setting, in its order; an empty setting means none. A bad entry is refused by name. */
    public static List<Entry> parse(String setting) {
        List<Entry> entries = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return entries;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String part : setting.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] typeAndCount = item.split(":", -1);
            String type = typeAndCount[0].trim();
            if (!TYPES.containsKey(type)) {
                throw new IllegalArgumentException("skaben.demo.devices: '" + item + "': virtual devices are of type "
                        + String.join(", ", List.of("lock", "terminal", "rgb", "scl", "pwr", "box")));
            }
            if (!seen.add(type)) {
                throw new IllegalArgumentException("skaben.demo.devices: " + type + " is listed twice");
            }
            int count = typeAndCount.length == 1 ? 1 : count(item, typeAndCount);
            for (int n = 1; n <= count; n++) {
                entries.add(new Entry(type, n, uid(type, n)));
            }
        }
        return entries;
    }

    /** The uid of the n-th virtual device of a type: the same on every start. */
    public static String uid(String type, int number) {
        return UID_PREFIX + String.format("%02x%04x", TYPES.get(type), number);
    }

    private static int count(String item, String[] typeAndCount) {
        String count = typeAndCount.length == 2 ? typeAndCount[1].trim() : "";
        if (!count.matches("\\d{1,2}") || Integer.parseInt(count) < 1) {
            throw new IllegalArgumentException("skaben.demo.devices: '" + item + "': expected <type>:<count>, "
                    + "count 1.." + MAX_PER_TYPE);
        }
        return Integer.parseInt(count);
    }
}
