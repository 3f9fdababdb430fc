package org.skaben.wiring;

import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.skaben.RouteFileRemoval;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCodeRepository;
import org.skaben.access.PermissionRepository;
import org.skaben.access.PersonRepository;
import org.skaben.cluster.ChangeNotices;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.AlertRepository;
import org.skaben.game.Broadcaster;
import org.skaben.game.CacheRefresh;
import org.skaben.game.GameActions;
import org.skaben.game.GameVersion;
import org.skaben.game.RouteBroadcaster;
import org.skaben.game.RuleListeners;
import org.skaben.game.SimpleConfigRepository;
import org.skaben.game.SimpleConfigs;
import org.skaben.journal.JournalRepository;

/**
 * The game (game.md): the alert state, who may open what, the simple configs, the config each device gets
 * from them, and {@code game}, the actions the rules in routes/rules call. {@code gameVersion} is a
 * camel.beans entry in application.properties.
 */
public class GameConfiguration implements CamelConfiguration {

    @PropertyInject("camel.main.routes-reload-enabled")
    boolean routesReloadEnabled;
    @PropertyInject("camel.main.routes-reload-directory")
    String routesReloadDirectory;
    @PropertyInject("camel.main.routes-reload-pattern")
    String routesReloadPattern;

    /** With several instances, each change of state or counter is decided on the database's row, under its lock. */
    @BindToRegistry(lazy = true)
    public Alert alert(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("gameVersion") GameVersion version,
                @PropertyInject("skaben.cluster.enabled") boolean cluster,
                @BeanInject("changeNotices") ChangeNotices notices) {
        return new Alert(new AlertRepository(dataSource), version, cluster, notices);
    }

    @BindToRegistry(lazy = true)
    public AccessBook accessBook(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("gameVersion") GameVersion version, @BeanInject("changeNotices") ChangeNotices notices) {
        return new AccessBook(new PersonRepository(dataSource), new AccessCodeRepository(dataSource),
                new PermissionRepository(dataSource), version, notices);
    }

    @BindToRegistry(lazy = true)
    public SimpleConfigs simpleConfigs(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("gameVersion") GameVersion version, @BeanInject("changeNotices") ChangeNotices notices) {
        return new SimpleConfigs(new SimpleConfigRepository(dataSource), version, notices);
    }

    /**
     * Routes call it after a sql: step writes a table a view holds; the change listener, after another instance
     * changed one.
     */
    @BindToRegistry(lazy = true)
    public CacheRefresh cacheRefresh(@BeanInject("accessBook") AccessBook access,
                @BeanInject("simpleConfigs") SimpleConfigs simpleConfigs, @BeanInject("alert") Alert alert,
                @BeanInject("deviceRegistry") DeviceRegistry registry, @BeanInject("gameVersion") GameVersion version,
                @BeanInject("changeNotices") ChangeNotices notices) {
        return new CacheRefresh(access, simpleConfigs, alert, registry, version, notices);
    }

    /** The config a device gets in a CUP: its own, merged with what the game sets for its type. */

    /** The config a device gets in a CUP: its own, merged with what the game sets for its type. */
    @BindToRegistry(lazy = true)
    public ConfigComposer configComposer(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("alert") Alert alert, @BeanInject("accessBook") AccessBook access,
                @BeanInject("simpleConfigs") SimpleConfigs simpleConfigs,
                @BeanInject("gameVersion") GameVersion version,
                @PropertyInject("skaben.game.lock-type") String lockType,
                @PropertyInject("skaben.game.scale-type") String scaleType) {
        return new ConfigComposer(registry, alert, access, simpleConfigs, version, lockType.trim(), scaleType.trim());
    }

    /** What the game sends when its state changes, through the routes (direct:cup-push, the alert events). */
    @BindToRegistry(lazy = true)
    public Broadcaster broadcaster(CamelContext camel, @BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new RouteBroadcaster(camel, registry);
    }

    @BindToRegistry(lazy = true)
    public GameActions game(@BeanInject("alert") Alert alert, @BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("accessBook") AccessBook access, @BeanInject("journal") JournalRepository journal,
                @BeanInject("broadcaster") Broadcaster broadcaster,
                @PropertyInject("skaben.game.registration-state") String registrationState) {
        return new GameActions(alert, registry, access, journal, broadcaster, registrationState.trim());
    }

    /** Whether a rule listens on an event endpoint (an event no rule listens for is not sent). */
    @BindToRegistry(lazy = true)
    public RuleListeners ruleListeners(CamelContext camel) {
        return new RuleListeners(camel);
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        // a game master removes a rule by deleting its file: Camel's reload alone would leave its routes running
        if (routesReloadEnabled) {
            camel.addService(new RouteFileRemoval(routesReloadDirectory.trim(), routesReloadPattern.trim()));
        }
    }
}
