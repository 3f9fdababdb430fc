package org.skaben.cup;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Header;
import org.skaben.Headers;

/**
 * The named parameters of the cup_delivery statements (sql/cup-delivery-answered.sql, sql/cup-round-trip.sql), as the
 * map a route sends them in ({@code variableSend}). A map, not the packet or the CUP itself: camel-sql looks
 * every named parameter up in the body first and tries to convert a body that is no map, for each parameter,
 * which on the ACK path cost more than the statement.
 */
public final class CupDelivery {

    private CupDelivery() {
    }

    /** A device's ACK or NACK of the CUP with this task id: the status it gives the record, and when. */
    public static Map<String, Object> answer(@Header(Headers.TASK_ID) String taskId, @Header(Headers.UID) String uid,
                                             @Header(Headers.COMMAND) String command) {
        Map<String, Object> answer = new HashMap<>(Map.of("status", command,
                "answeredAt", System.currentTimeMillis()));
        // a packet without a task id matches no record: a map that allows the null
        answer.put("taskId", taskId);
        answer.put("uid", uid);
        return answer;
    }
}
