package org.skaben.cup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CupDeliveryTest {

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
