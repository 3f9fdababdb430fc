package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.skaben.protocol.PacketRefused;

/** routes/once-per-task.camel.yaml alone: a repeated (uid, command, task_id) is refused, back to the caller. */
@RoutesTested("once-per-task")
class OncePerTaskRouteTest extends CamelTestSupport {

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("taskIds", MemoryIdempotentRepository.memoryIdempotentRepository());
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/error-policy.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "file:routes/once-per-task.camel.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    private Exchange send(String uid, String command, String taskId) {
        return template.send("direct:once-per-task", e -> e.getMessage().setHeaders(taskId == null
                ? Map.of("skabenUid", uid, "skabenCommand", command)
                : Map.of("skabenUid", uid, "skabenCommand", command, "skabenTaskId", taskId)));
    }

    @Test
    void aRepeatIsRefusedToTheCallerAndEverythingElsePasses() {
        assertNull(send("aabbccddeeff", "sup", "t1").getException());
        Exchange repeat = send("aabbccddeeff", "sup", "t1");
        assertInstanceOf(PacketRefused.class, repeat.getException());
        assertEquals("duplicate task_id t1: already applied", repeat.getException().getMessage());
        assertNull(send("aabbccddeeff", "info", "t1").getException(), "another command");
        assertNull(send("000000000001", "sup", "t1").getException(), "another device");
        assertNull(send("aabbccddeeff", "sup", null).getException(), "no task id: nothing to compare");
        assertNull(send("aabbccddeeff", "sup", null).getException());
    }
}
