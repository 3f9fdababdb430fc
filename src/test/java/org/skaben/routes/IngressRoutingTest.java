package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Properties;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.cup.CupRequest;
import org.skaben.device.AdmitDevice;
import org.skaben.cup.CupRequests;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.metrics.PacketCounts;
import org.skaben.metrics.Refusals;
import org.skaben.protocol.IngressLanes;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketReader;
import org.skaben.protocol.ReadPacket;

/**
 * The ingress route alone, from routes/ingress.camel.yaml: the MQTT consumer replaced by a direct endpoint
 * and every route it calls replaced by a mock, to prove the content-based routing by topic suffix.
 */
@RoutesTested({"mqtt-ingress", "ingress-packet", "admitted-packet"})
class IngressRoutingTest extends CamelTestSupport {

    private static final String UID = "aabbccddeeff";
    private static final List<String> ROUTES = List.of("pong", "cup-request", "sup", "info", "delivery-report");
    private SimpleMeterRegistry metrics;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties props = new Properties();
        props.put("skaben.mqtt.ingress-topic", "ask/#");
        props.put("skaben.mqtt.client-id", "routing-test");
        props.put("skaben.retry.attempts", "0");
        props.put("skaben.retry.delay-millis", "0");
        configuration.withUseOverridePropertiesWithPropertiesComponent(props)
                .withMockEndpointsAndSkip("direct:(pong|cup-request|sup|info|delivery-report|journal|cup-push|dead-letter)");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:routing-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).load().migrate();
        DeviceRegistry devices = new DeviceRegistry(new DeviceRepository(db), new DeviceTypeRepository(db), true);
        metrics = new SimpleMeterRegistry();
        PacketCounts counts = new PacketCounts(metrics);
        ReadPacket read = new ReadPacket(new PacketReader(65536, 32), counts::unreadable);
        registry.bind("readPacket", read);
        registry.bind("readTopic", (org.apache.camel.Processor) read::topic);
        registry.bind("readBody", (org.apache.camel.Processor) read::body);
        registry.bind("admitDevice", new AdmitDevice(devices));
        registry.bind("taskIds", MemoryIdempotentRepository.memoryIdempotentRepository());
        registry.bind("packetCounts", counts);
        registry.bind("countReceived", (org.apache.camel.Processor) counts::received);
        registry.bind("refusals", new Refusals(metrics));
        registry.bind("cupRequests", new CupRequests());
        registry.bind("ingressLanes", new IngressLanes(2, 16));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/error-policy.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "file:routes/ingress.camel.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    @BeforeEach
    void replaceTheMqttConsumer() throws Exception {
        if (!context.isStarted()) {
            AdviceWith.adviceWith(context, "mqtt-ingress", route -> route.replaceFromWith("direct:ingress"));
            context.start();
        }
    }

    private void publish(String topic, String json) {
        template.sendBodyAndHeader("direct:ingress", json.getBytes(StandardCharsets.UTF_8), "CamelMqttTopic", topic);
    }

    private void expectOnly(String route, int count) throws Exception {
        for (String r : ROUTES) {
            getMockEndpoint("mock:direct:" + r).expectedMessageCount(r.equals(route) ? count : 0);
        }
    }

    @Test
    void eachCommandGoesToItsOwnRoute() throws Exception {
        for (String command : List.of("pong", "cup", "sup", "info", "ack", "nack")) {
            MockEndpoint.resetMocks(context);
            String route = switch (command) {
                case "cup" -> "cup-request";
                case "ack", "nack" -> "delivery-report";
                default -> command;
            };
            expectOnly(route, 1);
            publish("ask/lock/" + UID + "/" + command, "{\"timestamp\": 1, \"datahold\": {\"a\": 1}}");
            MockEndpoint.assertIsSatisfied(context);
            MockEndpoint target = getMockEndpoint("mock:direct:" + route);
            assertEquals(command, target.getExchanges().get(0).getMessage().getHeader("skabenCommand"));
            assertEquals(UID, target.getExchanges().get(0).getMessage().getHeader("skabenUid"));
            assertEquals("lock", target.getExchanges().get(0).getMessage().getHeader("skabenType"));
        }
    }

    /**
     * As the MQTT consumer does, packets are handed in one after the other without waiting: each device's packets
     * reach their route in the order they came, on the lanes' threads, several devices side by side.
     */
    @Test
    void eachDevicesPacketsKeepTheirOrderOnTheLanes() throws Exception {
        List<String> uids = List.of("0a0000000001", "0a0000000002", "0a0000000003", "0a0000000004");
        MockEndpoint pong = getMockEndpoint("mock:direct:pong");
        pong.expectedMessageCount(400);
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        pong.whenAnyExchangeReceived(exchange -> {
            Packet packet = exchange.getMessage().getBody(Packet.class);
            seen.computeIfAbsent(packet.uid(), uid -> new CopyOnWriteArrayList<>()).add(packet.timestamp());
            threads.add(Thread.currentThread().getName());
        });
        AsyncProcessor ingress = (AsyncProcessor) context.getRoute("mqtt-ingress").getConsumer().getProcessor();
        for (int i = 0; i < 400; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader("CamelMqttTopic", "ask/lock/" + uids.get(i % 4) + "/pong");
            exchange.getMessage().setBody(("{\"timestamp\": " + (i + 1) + "}").getBytes(StandardCharsets.UTF_8));
            ingress.process(exchange, done -> { });
        }
        MockEndpoint.assertIsSatisfied(context);
        for (int d = 0; d < 4; d++) {
            List<Long> expected = new ArrayList<>();
            for (int i = d; i < 400; i += 4) {
                expected.add((long) i + 1);
            }
            assertEquals(expected, seen.get(uids.get(d)), "device " + uids.get(d));
        }
        assertTrue(threads.stream().allMatch(t -> t.startsWith("skaben-ingress-lane-")), threads.toString());
        assertEquals(2, threads.stream().distinct().count(), "four devices on both lanes: " + threads.stream().distinct().toList());
    }

    @Test
    void theCommandIsMatchedInAnyCase() throws Exception {
        expectOnly("sup", 1);
        publish("ask/LOCK/AA:BB:CC:DD:EE:FF/SUP", "{\"timestamp\": 1, \"datahold\": {\"closed\": false}}");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aCommandNoRouteTakesIsRefusedByTheChoiceAndCountedAsOther() throws Exception {
        expectOnly("none", 0);
        MockEndpoint journal = getMockEndpoint("mock:direct:journal");
        journal.expectedMessageCount(1);
        journal.expectedHeaderReceived("skabenKind", "refused");
        journal.expectedHeaderReceived("skabenDetail", "unknown command 'dance'");
        getMockEndpoint("mock:direct:cup-push").expectedMessageCount(0);
        // a device never heard of: refused before its device is admitted, so it is not registered either
        publish("ask/lock/0a0b0c0d0e01/dance", "{\"timestamp\": 1}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(1, metrics.get("skaben.packets.in").tag("command", "other").counter().count());
        assertEquals(0, metrics.get("skaben.packets.in").tag("command", "invalid").counter().count());
        assertEquals(1, metrics.get("skaben.refusals").tag("reason", "topic").counter().count());
        assertEquals(List.of("invalid", "other"), commandTags(), "no tag of its own");
    }

    @Test
    void aTopicThatCannotBeReadIsCountedAsInvalid() throws Exception {
        expectOnly("none", 0);
        getMockEndpoint("mock:direct:journal").expectedHeaderReceived("skabenKind", "refused");
        publish("ask/lock/not-a-mac/pong", "{\"timestamp\": 1}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(1, metrics.get("skaben.packets.in").tag("command", "invalid").counter().count());
        assertEquals(0, metrics.get("skaben.packets.in").tag("command", "other").counter().count());
    }

    @Test
    void aPacketWhoseBodyIsRefusedIsCountedUnderItsCommand() throws Exception {
        expectOnly("none", 0);
        getMockEndpoint("mock:direct:journal").expectedHeaderReceived("skabenDetail", "timestamp is missing");
        publish("ask/lock/" + UID + "/info", "{}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(1, metrics.get("skaben.packets.in").tag("command", "info").counter().count());
    }

    private List<String> commandTags() {
        return metrics.get("skaben.packets.in").counters().stream().map(c -> c.getId().getTag("command"))
                .sorted().toList();
    }

    @Test
    void aNewDeviceIsJournaledAndSentItsConfigAfterItsPacket() throws Exception {
        expectOnly("info", 1);
        getMockEndpoint("mock:direct:journal").expectedHeaderReceived("skabenKind", "registered");
        getMockEndpoint("mock:direct:cup-push").expectedBodiesReceived(
                CupRequest.automatic("terminal", "0a0b0c0d0e0f", "registration", "device"));
        publish("ask/terminal/0a0b0c0d0e0f/info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"hack\"}}");
        MockEndpoint.assertIsSatisfied(context);
    }
}
