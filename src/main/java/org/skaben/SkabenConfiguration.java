package org.skaben;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.flywaydb.core.Flyway;
import org.skaben.support.HsqldbStatementCache;
import org.skaben.support.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCodeRepository;
import org.skaben.access.PermissionRepository;
import org.skaben.access.PersonRepository;
import org.skaben.api.BearerToken;
import org.skaben.api.GameApi;
import org.skaben.api.DeadLetterApi;
import org.skaben.api.DeviceApi;
import org.skaben.broker.BrokerSecurity;
import org.skaben.broker.EmbeddedBroker;
import org.skaben.cup.ConfigComposer;
import org.skaben.cup.BuildCup;
import org.skaben.cup.CupBuilder;
import org.skaben.cup.PingBuilder;
import org.skaben.device.AdmitDevice;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.device.KeepalivePolicy;
import org.skaben.device.LastSeenTracker;
import org.skaben.game.Alert;
import org.skaben.game.AlertRepository;
import org.skaben.game.Broadcaster;
import org.skaben.game.GameActions;
import org.skaben.game.GameVersion;
import org.skaben.game.RouteBroadcaster;
import org.skaben.game.RuleListeners;
import org.skaben.game.SimpleConfigRepository;
import org.skaben.game.SimpleConfigs;
import org.skaben.handler.InfoReader;
import org.skaben.health.DatabaseHealthCheck;
import org.skaben.health.GameHealthCheck;
import org.skaben.health.MqttHealthCheck;
import org.skaben.handler.KeepaliveCheck;
import org.skaben.handler.SupHandler;
import org.skaben.journal.CupDeliveryRepository;
import org.skaben.journal.DeadLetterRepository;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.RecordInJournal;
import org.skaben.journal.TaskIdRepository;
import org.skaben.metrics.CupRoundTrip;
import org.skaben.metrics.DevicesOnline;
import org.skaben.metrics.PacketCounts;
import org.skaben.metrics.PongLag;
import org.skaben.metrics.Refusals;
import org.skaben.protocol.ReadPacket;
import org.skaben.protocol.PacketReader;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.ServerClockRepository;

/**
 * Wires the server from application.properties: the embedded broker (started before the routes, stopped
 * after them), the database (migrated by Flyway), and the beans the routes call by name.
 */
public class SkabenConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SkabenConfiguration.class);

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel);
        MqttLogin login = MqttLogin.of(settings);
        EmbeddedBroker broker = startBroker(settings, login);
        HikariDataSource dataSource = dataSource(settings);
        configureMqtt(camel, settings, login);

        ServerClock clock = ServerClock.start(wallClock(settings), new ServerClockRepository(dataSource));
        GameVersion version = new GameVersion();
        Alert alert = new Alert(new AlertRepository(dataSource), version);
        String registrationState = settings.text("skaben.game.registration-state");
        String lockType = settings.text("skaben.game.lock-type");
        // game.md 4: only locks (and cards, see GameActions.accessAttempt) wait for the registration state
        DeviceRegistry registry = new DeviceRegistry(new DeviceRepository(dataSource),
                new DeviceTypeRepository(dataSource), settings.bool("skaben.devices.auto-register"),
                type -> !type.equals(lockType) || registrationState.isEmpty()
                        || alert.current().name().equals(registrationState) ? null
                        : "locks register only while the alert state is " + registrationState);
        AccessBook access = new AccessBook(new PersonRepository(dataSource), new AccessCodeRepository(dataSource),
                new PermissionRepository(dataSource), version);
        SimpleConfigs simpleConfigs = new SimpleConfigs(new SimpleConfigRepository(dataSource), version);
        ConfigComposer composer = new ConfigComposer(registry, alert, access, simpleConfigs, version,
                settings.text("skaben.game.lock-type"), settings.text("skaben.game.scale-type"));
        LastSeenTracker lastSeen = registry.lastSeen();
        long keepaliveTimeout = settings.integer("skaben.keepalive.timeout-seconds");
        if (keepaliveTimeout <= settings.integer("skaben.ping.interval-seconds")) {
            throw new IllegalArgumentException("skaben.keepalive.timeout-seconds must be larger than "
                    + "skaben.ping.interval-seconds");
        }

        Registry beans = camel.getRegistry();
        beans.bind("dataSource", dataSource);
        beans.bind("serverClock", clock);
        beans.bind("deviceRegistry", registry);
        beans.bind("admitDevice", new AdmitDevice(registry));
        beans.bind("lastSeen", lastSeen);
        beans.bind("readPacket", new ReadPacket(new PacketReader(settings.integer("skaben.mqtt.max-payload-bytes"),
                settings.integer("skaben.mqtt.max-json-depth"))));
        beans.bind("keepaliveCheck", new KeepaliveCheck(registry, composer, new KeepalivePolicy(keepaliveTimeout), clock));
        beans.bind("supHandler", new SupHandler(registry));
        // one queue, one thread, one commit per batch: the journal's entries and the task ids before them
        JournalWriter writer = new JournalWriter(dataSource, settings.integer("skaben.journal.max-batch"),
                settings.integer("skaben.journal.queue-size"));
        beans.bind("taskIds", new TaskIdRepository(dataSource, writer));
        CupDeliveryRepository cupDeliveries = new CupDeliveryRepository(dataSource);
        beans.bind("cupDeliveries", cupDeliveries);
        beans.bind("deadLetterApi", new DeadLetterApi(new DeadLetterRepository(dataSource)));
        beans.bind("infoReader", new InfoReader(registry));
        beans.bind("buildCup", new BuildCup(new CupBuilder(registry, composer, clock)));
        beans.bind("pingBuilder", new PingBuilder(registry, clock));
        JournalRepository journal = new JournalRepository(dataSource, writer);
        beans.bind("journal", journal);
        beans.bind("recordInJournal", new RecordInJournal(journal, "mqtt-ingress"));
        beans.bind("deviceApi", new DeviceApi(registry, composer, lastSeen, journal,
                keepaliveTimeout * 1000));
        Broadcaster broadcaster = new RouteBroadcaster(camel, registry);
        GameActions game = new GameActions(alert, registry, access, journal, broadcaster, registrationState);
        beans.bind("game", game);
        beans.bind("ruleListeners", new RuleListeners(camel));
        beans.bind("gameApi", new GameApi(game, alert, access, simpleConfigs, registry, journal, broadcaster,
                settings.text("skaben.game.lock-type"), settings.text("skaben.game.scale-type")));
        if (broker != null) {
            beans.bind("embeddedBroker", broker);
        }
        String token = settings.text("skaben.http.token");
        if (token.isBlank()) {
            token = storedSecret(settings, "skaben.http.token", "api-token", "the operator API token is");
        }
        beans.bind("bearerToken", new BearerToken(token));
        // readiness checks, found in the registry by camel-health
        beans.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource));
        beans.bind("gameHealthCheck", new GameHealthCheck(dataSource));
        beans.bind("mqttHealthCheck", new MqttHealthCheck("mqtt-ingress"));
        // metrics: GET /metrics scrapes this registry; camel-micrometer finds it by this name too
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        beans.bind("metricsRegistry", metrics);
        beans.bind("packetCounts", new PacketCounts(metrics));
        beans.bind("refusals", new Refusals(metrics));
        beans.bind("devicesOnline", new DevicesOnline(metrics, registry, keepaliveTimeout * 1000));
        beans.bind("pongLag", new PongLag(metrics, clock));
        beans.bind("cupRoundTrip", new CupRoundTrip(metrics, cupDeliveries::roundTripMillis));

        if (settings.bool("camel.main.routes-reload-enabled")) {
            camel.addService(new RouteFileRemoval(settings.text("camel.main.routes-reload-directory"),
                    settings.text("camel.main.routes-reload-pattern")));
        }

        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStarted(CamelContext context) {
                // the YAML routes are read from the working directory: a server started elsewhere would run
                // without them and answer no device, so it refuses to run at all (Camel ignores exceptions
                // thrown here, hence the exit)
                if (context.getRoute("mqtt-ingress") == null) {
                    LOG.error("No device routes were loaded from {}: start the server in the folder that holds "
                            + "routes/, or set camel.main.routes-include-pattern. Stopping.",
                            context.resolvePropertyPlaceholders("{{camel.main.routes-include-pattern}}"));
                    new Thread(() -> System.exit(2), "skaben-no-routes").start();
                }
            }

            @Override
            public void onContextStopped(CamelContext context) {
                // after the routes: the MQTT endpoints disconnect before the broker goes away, and the journal
                // writes what is queued before the pool closes; the clock stores the last timestamp it handed out
                writer.close();
                clock.close();
                dataSource.close();
                if (broker != null) {
                    try {
                        broker.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException("embedded broker did not stop cleanly", e);
                    }
                }
            }
        });
    }

    private static EmbeddedBroker startBroker(Settings settings, MqttLogin server) throws Exception {
        if (!settings.bool("skaben.mqtt.embedded")) {
            return null;
        }
        String devicePassword = settings.text("skaben.mqtt.device-password");
        boolean anonymous = settings.bool("skaben.mqtt.anonymous");
        if (devicePassword.isEmpty() && !anonymous) {
            devicePassword = storedSecret(settings, "skaben.mqtt.device-password", "device-password",
                    "devices log in to the broker as '" + settings.text("skaben.mqtt.device-username")
                            + "' with the password");
        }
        BrokerSecurity security = new BrokerSecurity(new BrokerSecurity.Settings(server.user(), server.password(),
                settings.text("skaben.mqtt.device-username"), devicePassword,
                perDeviceCredentials(settings.text("skaben.mqtt.device-credentials")), anonymous,
                settings.bool("skaben.mqtt.acl")));
        String tlsPort = settings.text("skaben.mqtt.tls-port");
        EmbeddedBroker.Tls tls = tlsPort.isEmpty() ? null : new EmbeddedBroker.Tls(Integer.parseInt(tlsPort),
                settings.text("skaben.mqtt.tls-keystore"), settings.text("skaben.mqtt.tls-keystore-password"));
        EmbeddedBroker broker = new EmbeddedBroker(settings.text("skaben.mqtt.host"),
                settings.integer("skaben.mqtt.port"), settings.text("skaben.mqtt.data-dir"),
                settings.integer("skaben.mqtt.max-memory-mb") * 1024L * 1024L, security, tls);
        broker.start();
        LOG.info("Embedded MQTT broker listening on {}:{}{}; devices log in {}{}", broker.host(), broker.port(),
                tls == null ? "" : " and with TLS on " + tls.port(),
                anonymous ? "with or without credentials" : "with credentials", settings.bool("skaben.mqtt.acl")
                        ? ", each limited to its own topics" : "");
        return broker;
    }

    /**
     * A secret the installation left empty: made up on the first start and kept in a file of the data folder
     * readable only by the server's user, so that a restart locks no device and no script out.
     */
    private static String storedSecret(Settings settings, String key, String fileName, String what) {
        StoredSecret secret = StoredSecret.in(Path.of(settings.text("skaben.data-dir"), fileName));
        LOG.warn("{} is not set: {} {} ({} {}; delete that file for a new one at the next start)", key, what,
                secret.value(), secret.created() ? "made up now and kept in" : "kept in", secret.file().toAbsolutePath());
        return secret.value();
    }

    /** user = password lines, user being the device's {@code <type>_<uid>}; an empty setting means none. */
    private static Map<String, String> perDeviceCredentials(String location) throws IOException {
        Map<String, String> credentials = new HashMap<>();
        if (location.isEmpty()) {
            return credentials;
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(location))) {
            file.load(reader);
        }
        file.forEach((user, password) -> credentials.put(String.valueOf(user), String.valueOf(password)));
        LOG.info("{} per-device MQTT credentials read from {}", credentials.size(), location);
        return credentials;
    }

    /** The server's own MQTT login: the configured one, or for the embedded broker a random one per run. */
    private record MqttLogin(String user, String password) {
        static MqttLogin of(Settings settings) {
            String user = settings.text("skaben.mqtt.username");
            if (!user.isEmpty()) {
                return new MqttLogin(user, settings.text("skaben.mqtt.password"));
            }
            return settings.bool("skaben.mqtt.embedded") ? new MqttLogin("skaben-server", BearerToken.random())
                    : new MqttLogin("", "");
        }
    }

    private static HikariDataSource dataSource(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("skaben-db");
        String url = settings.text("skaben.db.url");
        if (url.startsWith("jdbc:hsqldb:")) {
            HsqldbStatementCache hsqldb = new HsqldbStatementCache();
            hsqldb.setUrl(url);
            hsqldb.setUser(settings.text("skaben.db.username"));
            hsqldb.setPassword(settings.text("skaben.db.password"));
            config.setDataSource(hsqldb);
        } else {
            config.setJdbcUrl(url);
            config.setUsername(settings.text("skaben.db.username"));
            config.setPassword(settings.text("skaben.db.password"));
        }
        config.setMaximumPoolSize(settings.integer("skaben.db.pool-size"));
        config.setConnectionTimeout(settings.integer("skaben.db.connection-timeout-millis"));
        // only a test stalls the pool on purpose (HikariPoolMXBean.suspendPool)
        config.setAllowPoolSuspension(Boolean.parseBoolean(settings.text("skaben.db.allow-suspension")));
        HikariDataSource dataSource = new HikariDataSource(config);
        // db/migration for every database, db/vendor/<hsqldb|postgresql> (from jdbc:<vendor>:) for what only one does
        String vendor = url.split(":")[1];
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        return dataSource;
    }

    /** The system clock, moved by skaben.clock.wall-offset-seconds (tests; a venue machine known to be wrong). */
    private static Clock wallClock(Settings settings) {
        int offset = settings.integer("skaben.clock.wall-offset-seconds");
        if (offset != 0) {
            LOG.warn("The wall clock is taken as the system clock {} s (skaben.clock.wall-offset-seconds)",
                    String.format("%+d", offset));
        }
        return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(offset));
    }

    /** Broker address and credentials once for every paho-mqtt5 endpoint, so the routes name only topics. */
    private static void configureMqtt(CamelContext camel, Settings settings, MqttLogin login) {
        PahoMqtt5Component mqtt = camel.getComponent("paho-mqtt5", PahoMqtt5Component.class);
        mqtt.getConfiguration().setBrokerUrl(settings.text("skaben.mqtt.url"));
        LOG.info("Routes use the MQTT broker at {}", settings.text("skaben.mqtt.url"));
        if (!login.user().isBlank()) {
            mqtt.getConfiguration().setUserName(login.user());
            mqtt.getConfiguration().setPassword(login.password());
        }
        mqtt.getConfiguration().setAutomaticReconnect(true);
        // back within a second of the broker: what devices publish before the server has subscribed again is lost
        mqtt.getConfiguration().setMaxReconnectDelay(1000);
    }

    /** Reads skaben.* settings through Camel's properties (file, -D, environment). */
    private record Settings(CamelContext camel) {
        String text(String key) {
            // resolvePropertyPlaceholders resolves nested {{...}} against every source (overrides, -D, environment)
            String value = camel.resolvePropertyPlaceholders("{{?" + key + "}}");
            return value == null ? "" : value.trim();
        }

        boolean bool(String key) {
            return Boolean.parseBoolean(required(key));
        }

        int integer(String key) {
            try {
                return Integer.parseInt(required(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer", e);
            }
        }

        private String required(String key) {
            String value = text(key);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("missing setting " + key);
            }
            return value;
        }
    }
}
