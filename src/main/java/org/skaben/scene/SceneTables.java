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
 * {@link SceneRestore}) takes in what each of them writes.
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
