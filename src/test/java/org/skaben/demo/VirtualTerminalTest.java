package org.skaben.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualTerminalTest {

    private static final String UID = "025abe020001";

    @Test
    void aHackIsReportedAndASuccessfulOneChangesTheTerminal() {
        VirtualTerminal terminal = new VirtualTerminal("terminal", UID);
        FakeLink link = FakeLink.attachedTo(terminal);
        terminal.receive("terminal/" + UID + "/cup", "{\"timestamp\": 1000, \"datahold\": {\"alert\": \"4\", "
                + "\"powered\": true, \"blocked\": true, \"hacked\": false, \"override\": false, \"task_id\": \"c-1\"}}");
        assertEquals("ask/terminal/" + UID + "/ack", link.only().topic());

        assertEquals("failed", terminal.act(Map.of("action", "hack", "success", false)).get("outcome"));
        FakeLink.Sent failed = link.only();
        assertEquals("ask/terminal/" + UID + "/info", failed.topic());
        assertEquals(Map.of("type", "hack", "success", false), failed.datahold());

        assertEquals("hacked", terminal.act(Map.of("action", "hack", "success", true)).get("outcome"));
        List<FakeLink.Sent> sent = link.take();
        assertEquals(Map.of("type", "hack", "success", true), sent.get(0).datahold());
        assertEquals("ask/terminal/" + UID + "/sup", sent.get(1).topic());
        assertEquals(Map.of("hacked", true), sent.get(1).datahold());
        assertEquals(true, terminal.state().get("hacked"));
    }

    @Test
    void aHackNeedsItsOutcome() {
        VirtualTerminal terminal = new VirtualTerminal("terminal", UID);
        FakeLink.attachedTo(terminal);
        ActionRefused refused = assertThrows(ActionRefused.class, () -> terminal.act(Map.of("action", "hack")));
        assertTrue(refused.getMessage().contains("\"success\""), refused.getMessage());
        assertEquals(400, assertThrows(ActionRefused.class, () -> terminal.act(Map.of("action", "card"))).status());
    }
}
