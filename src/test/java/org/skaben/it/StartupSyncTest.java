package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skaben.device.ConfigHasher;
import org.springframework.jdbc.core.JdbcTemplate;

/** At start, once the routes run, every registered smart device and every simple type gets its CUP. */
class StartupSyncTest extends SkabenAppTestSupport {

    private final String lockUid = newUid();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.startup-sync.delay-millis", "2500");
    }

    @BeforeAll
    void aDungeonFromAnEarlierRun() {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl(dbUrl);
        ds.setUser("SA");
        // the server's migrations, the HSQLDB-only ones included (else a later common one would come first)
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/hsqldb").load()
                .migrate();
        String config = "{\"closed\":false,\"timer\":5}";
        new JdbcTemplate(ds).update("INSERT INTO device (uid, device_type, config, reported_state, config_hash, "
                + "manual_override, registered_at) VALUES (?, 'lock', ?, '{}', ?, FALSE, 0)", lockUid, config,
                ConfigHasher.hash(Map.of("closed", false, "timer", 5)));
    }

    @Test
    void registeredDevicesAndSimpleTypesGetTheirConfig() throws Exception {
        TestDevice lock = device("lock", lockUid);
        TestDevice scale = device("scl", newUid());
        TestDevice.Received cup = lock.await("cup");
        assertEquals(false, cup.datahold().get("closed"));
        assertEquals(5, cup.datahold().get("timer"));
        assertEquals("scl/all/cup", scale.await("cup").topic());
        assertEquals("server start", String.valueOf(journal(lockUid, "cup").get(0).get("detail")).replaceAll(".*: ", ""));
    }
}
