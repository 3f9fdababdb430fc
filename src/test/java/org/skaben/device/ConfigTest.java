package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void hashIgnoresKeyOrderAtEveryLevel() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("closed", true);
        a.put("acl", new LinkedHashMap<>(Map.of("111111", List.of(4, 5))));
        ((Map<String, Object>) a.get("acl")).put("222222", List.of(4));
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("222222", List.of(4));
        acl.put("111111", List.of(4, 5));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("acl", acl);
        b.put("closed", true);
        assertEquals(ConfigHasher.hash(a), ConfigHasher.hash(b));
        assertEquals(64, ConfigHasher.hash(a).length());
    }

    @Test
    void hashChangesWithContent() {
        assertNotEquals(ConfigHasher.hash(Map.of("closed", true)), ConfigHasher.hash(Map.of("closed", false)));
    }

    @Test
    void mergeReplacesTopLevelKeysAndKeepsTheRest() {
        Map<String, Object> merged = ConfigMerger.apply(Map.of("closed", true, "timer", 10),
                Map.of("closed", false, "acl", Map.of()), false);
        assertEquals(Map.of("closed", false, "timer", 10, "acl", Map.of()), merged);
    }

    @Test
    void overwriteReplacesEverything() {
        assertEquals(Map.of("closed", false),
                ConfigMerger.apply(Map.of("closed", true, "timer", 10), Map.of("closed", false), true));
    }
}
