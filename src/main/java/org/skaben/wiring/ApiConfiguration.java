package org.skaben.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.access.AccessBook;
import org.skaben.api.AccessApi;
import org.skaben.api.AccessChecks;
import org.skaben.api.ApiAccess;
import org.skaben.api.EventStream;
import org.skaben.api.Http1Vertx;
import org.skaben.api.SessionApi;
import org.skaben.api.SessionCookie;
import org.skaben.journal.JournalFeed;
import org.skaben.api.AlertApi;
import org.skaben.api.BearerToken;
import org.skaben.api.DeviceApi;
import org.skaben.api.JournalCatchUp;
import org.skaben.api.SimpleConfigApi;
import org.skaben.api.TokenBeforeBody;
import org.skaben.api.TypeApi;
import org.skaben.cluster.SharedSecrets;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.LastSeenTracker;
import org.skaben.game.Alert;
import org.skaben.game.Broadcaster;
import org.skaben.game.GameActions;
import org.skaben.journal.CupDeliveryRepository;
import org.skaben.journal.JournalRepository;
import org.skaben.support.StoredSecret;

/**
 * The operator REST API (api/): its token, and the bean each resource's routes call. eventApi and deadLetterApi
 * need nothing: they are camel.beans entries in application.properties.
 */
public class ApiConfiguration implements CamelConfiguration {

    /**
     * The Vert.x of the HTTP server (camel-platform-http takes the one in the registry): answering HTTP/1.1 only,
     * see Http1Vertx; closed when Camel stops, after the server that runs on it.
     */
    @Override
    public void configure(CamelContext camel) {
        Vertx vertx = Vertx.vertx();
        camel.getRegistry().bind("vertx", Vertx.class, Http1Vertx.over(vertx));
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
            }
        });
    }

    /**
     * Every /api call needs it: skaben.http.token, or one made up on the first start and kept in the data folder
     * (several instances: in the shared database, so that every instance takes the same).
     */
    @BindToRegistry(lazy = true)
    public BearerToken bearerToken(@PropertyInject("skaben.http.token") String token,
                @PropertyInject("skaben.data-dir") String dataDir,
                @PropertyInject("skaben.cluster.enabled") boolean clusterEnabled,
                @BeanInject("sharedSecrets") SharedSecrets shared) {
        String what = "the operator API token is";
        return new BearerToken(clusterEnabled
                ? shared.configuredOrKept(token, "api-token", "skaben.http.token", what)
                : StoredSecret.configuredOrKept(token, Path.of(dataDir.trim(), "api-token"), "skaben.http.token", what));
    }

    /**
     * The console's session cookie: signed with a key made up on the first start and kept in the data folder (a
     * restart signs nobody out; several instances: in the shared database, so a game master signed in on one is
     * signed in on every one), bound to the API token (a new token signs everyone out).
     */
    @BindToRegistry(lazy = true)
    public SessionCookie sessionCookie(@PropertyInject("skaben.data-dir") String dataDir,
                @PropertyInject("skaben.http.session-hours") int sessionHours,
                @BeanInject("bearerToken") BearerToken token,
                @PropertyInject("skaben.cluster.enabled") boolean clusterEnabled,
                @BeanInject("sharedSecrets") SharedSecrets shared) {
        String key = clusterEnabled ? shared.kept("session-key")
                : StoredSecret.in(Path.of(dataDir.trim(), "session-key")).value();
        return new SessionCookie(key, token.digest(), Duration.ofHours(sessionHours), Clock.systemUTC());
    }

    /** Who may call the API: the bearer token, or the console's session cookie. */
    @BindToRegistry(lazy = true)
    public ApiAccess apiAccess(@BeanInject("bearerToken") BearerToken token,
                @BeanInject("sessionCookie") SessionCookie session) {
        return new ApiAccess(token, session);
    }

    /** The REST binding's request validator (found by its type): the token or the session, before the body is read. */
    @BindToRegistry(lazy = true)
    public TokenBeforeBody tokenBeforeBody(@BeanInject("apiAccess") ApiAccess access) {
        return new TokenBeforeBody(access);
    }

    @BindToRegistry(lazy = true)
    public SessionApi sessionApi(@BeanInject("apiAccess") ApiAccess access,
                @BeanInject("journal") JournalRepository journal) {
        return new SessionApi(access, journal);
    }

    /** GET /api/events/stream, installed on the HTTP server's router by {@link ConsoleConfiguration}. */
    @BindToRegistry(lazy = true)
    public EventStream eventStream(CamelContext camel, @BeanInject("apiAccess") ApiAccess access,
                @BeanInject("journal") JournalRepository journal, @BeanInject("journalFeed") JournalFeed feed,
                @PropertyInject("skaben.http.stream-queue") int queueSize,
                @PropertyInject("skaben.http.stream-heartbeat-seconds") int heartbeatSeconds) {
        return new EventStream(access, journal, JournalCatchUp.through(camel.createProducerTemplate()), feed,
                queueSize, heartbeatSeconds * 1000L);
    }

    @BindToRegistry(lazy = true)
    public DeviceApi deviceApi(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("configComposer") ConfigComposer composer, @BeanInject("lastSeen") LastSeenTracker lastSeen,
                @PropertyInject("skaben.keepalive.timeout-seconds") long keepaliveTimeoutSeconds,
                @BeanInject("accessBook") AccessBook access, @BeanInject("cupDeliveries") CupDeliveryRepository deliveries) {
        return new DeviceApi(registry, composer, lastSeen, keepaliveTimeoutSeconds * 1000, access, deliveries);
    }

    @BindToRegistry(lazy = true)
    public TypeApi typeApi(@BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new TypeApi(registry);
    }

    @BindToRegistry(lazy = true)
    public AlertApi alertApi(@BeanInject("game") GameActions game, @BeanInject("alert") Alert alert,
                @PropertyInject("skaben.game.scale-type") String scaleType) {
        return new AlertApi(game, alert, scaleType.trim());
    }

    /** The CSV import of persons and cards; their other reads and writes are sql: steps in AccessRoutes. */
    @BindToRegistry(lazy = true)
    public AccessApi accessApi(@BeanInject("accessBook") AccessBook access,
                @BeanInject("journal") JournalRepository journal) {
        return new AccessApi(access, journal);
    }

    /** What the access routes check before their sql: steps. */
    @BindToRegistry(lazy = true)
    public AccessChecks accessChecks(@BeanInject("alert") Alert alert,
                @BeanInject("deviceRegistry") DeviceRegistry registry,
                @PropertyInject("skaben.game.lock-type") String lockType) {
        return new AccessChecks(alert, registry, lockType.trim());
    }

    @BindToRegistry(lazy = true)
    public SimpleConfigApi simpleConfigApi(@BeanInject("alert") Alert alert,
                @BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new SimpleConfigApi(alert, registry);
    }
}
