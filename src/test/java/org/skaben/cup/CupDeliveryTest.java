package org.skaben.cup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CupDeliveryTest {

    @Test
    void aSentCupGivesEveryParameterOfItsInsert() {
        OutgoingCup cup = new OutgoingCup("lock", "aabbccddeeff", "c-1", "h1", "lock/aabbccddeeff/cup", Map.of());
        assertEquals(Map.of("taskId", "c-1", "type", "lock", "uid", "aabbccddeeff", "hash", "h1", "sentAt", 42L),
                CupDelivery.sent(cup, 42));
    }

    @Test
    void anAnswerGivesItsCommandAsTheStatusAndTheTimeNow() {
        long before = System.currentTimeMillis();
        Map<String, Object> answer = CupDelivery.answer("c-1", "aabbccddeeff", "nack");
        assertEquals("c-1", answer.get("taskId"));
        assertEquals("aabbccddeeff", answer.get("uid"));
        assertEquals("nack", answer.get("status"));
        long at = (Long) answer.get("answeredAt");
        assertTrue(at >= before && at <= System.currentTimeMillis());
    }
}
