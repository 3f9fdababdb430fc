package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.journal.RecordInJournal;

/** routes/journal.camel.yaml: an entry written from its headers; a dead letter kept, counted and journaled. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "journal.camel.yaml",
        mockEndpointsAndSkip = "sql:.*|micrometer:.*")
@RoutesTested({"journal", "dead-letter"})
class JournalRouteTest extends RouteTestSupport {

    final RouteFakes.Journal journal = new RouteFakes.Journal();
    @ReplaceInRegistry
    RecordInJournal recordInJournal = new RecordInJournal(journal, "mqtt-ingress");
    @ReplaceInRegistry
    RouteFakes.TaskIds taskIds = new RouteFakes.TaskIds(journal.entries);

    @Test
    void anEntryIsWrittenFromTheHeadersItsCallerSet() {
        assertHandled(send("direct:journal", null, device("lock", "aabbccddeeff", "sup", Headers.KIND, "sup",
                Headers.DETAIL, "{\"closed\":false}")));
        assertEquals(List.of("sup device lock aabbccddeeff ask/lock/aabbccddeeff/sup: {\"closed\":false}"),
                journal.entries);
    }

    @Test
    void aDeadLetterIsKeptCountedForgottenAsATaskAndJournaled() {
        // as the error policy's onException sends it: the packet, and the exception it caught
        assertHandled(template.send("direct:dead-letter", e -> {
            e.getMessage().setBody("{\"timestamp\": 1}".getBytes(StandardCharsets.UTF_8));
            e.getMessage().setHeaders(device("lock", "aabbccddeeff", "sup", Headers.TASK_ID, "t1"));
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("disk full"));
        }));
        assertHeaders(only(mock("sql:classpath:sql/dead-letter-insert.sql")), Headers.KIND, "error",
                Headers.DETAIL, "IllegalStateException: disk full", Headers.PAYLOAD, "{\"timestamp\": 1}");
        only(mock("micrometer:counter:skaben.dead.letters"));
        // its task id forgotten (a replay of it is applied), then journaled
        assertEquals(List.of("forget aabbccddeeff/sup/t1", "error device lock aabbccddeeff "
                + "ask/lock/aabbccddeeff/sup: IllegalStateException: disk full"), journal.entries);
    }
}
