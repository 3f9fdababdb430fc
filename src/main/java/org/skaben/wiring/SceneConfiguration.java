package org.skaben.wiring;

import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.skaben.access.AccessBook;
import org.skaben.api.SceneApi;
import org.skaben.cluster.ChangeNotices;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.Broadcaster;
import org.skaben.game.SimpleConfigs;
import org.skaben.scene.GameCaches;
import org.skaben.scene.SceneCapture;
import org.skaben.scene.SceneRestore;
import org.skaben.scene.SceneTables;

/** Scenes (org.skaben.scene): the game setup saved, restored, exported and imported through /api/scenes. */
public class SceneConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public SceneApi sceneApi(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("deviceRegistry") DeviceRegistry registry, @BeanInject("alert") Alert alert,
                @BeanInject("accessBook") AccessBook access, @BeanInject("simpleConfigs") SimpleConfigs simpleConfigs,
                @BeanInject("broadcaster") Broadcaster broadcaster,
                @BeanInject("changeNotices") ChangeNotices notices,
                @PropertyInject("skaben.game.lock-type") String lockType) {
        // the same data source as every repository's: the restore's transaction takes in all their writes
        SceneTables tables = SceneTables.of(dataSource);
        GameCaches caches = new GameCaches(registry, alert, access, simpleConfigs, notices);
        return new SceneApi(new SceneCapture(tables, caches),
                new SceneRestore(tables, caches, broadcaster, lockType.trim()), System::currentTimeMillis);
    }
}
