package org.skaben.scene;

import javax.sql.DataSource;
import org.skaben.access.AccessCodeRepository;
import org.skaben.access.PermissionRepository;
import org.skaben.access.PersonRepository;
import org.skaben.device.DeviceRepository;
import org.skaben.game.AlertRepository;
import org.skaben.game.SimpleConfigRepository;

/**
 * The repositories of every table a scene holds. All on one data source, so that a transaction on it (see
 * {@link SceneRestore}) takes in what each of them writes. Why these and not {@code sql:} steps: a capture reads
 * every table while the views hold still, a restore rewrites them all in one transaction, and neither is one
 * statement a route could show; the scene table itself is read and written by SceneRoutes' {@code sql:} steps.
 */
public record SceneTables(DataSource dataSource, DeviceRepository devices, AlertRepository alert,
                          PersonRepository persons, AccessCodeRepository codes, PermissionRepository permissions,
                          SimpleConfigRepository simpleConfigs) {

    public static SceneTables of(DataSource dataSource) {
        return new SceneTables(dataSource, new DeviceRepository(dataSource), new AlertRepository(dataSource),
                new PersonRepository(dataSource), new AccessCodeRepository(dataSource),
                new PermissionRepository(dataSource), new SimpleConfigRepository(dataSource));
    }
}
