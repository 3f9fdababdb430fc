package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests' PostgreSQL: each test class has a migrated schema of its own, which the next class never sees and
 * which is gone after the class; what is missing skips a test, or fails it when the tests are required.
 */
class TestPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(TestPostgresTest.class);

    /** Stand-ins for two test classes. */
    private static final class FirstClass {
    }

    private static final class SecondClass {
    }

    @Test
    void eachClassHasAMigratedSchemaOfItsOwnDroppedAfterIt() throws Exception {
        TestPostgres first = new TestPostgres(FirstClass.class);
        TestPostgres second = new TestPostgres(SecondClass.class);
        try {
            JdbcTemplate a = new JdbcTemplate(first.dataSource());
            JdbcTemplate b = new JdbcTemplate(second.dataSource());
            assertTrue(a.queryForObject("SELECT COUNT(*) FROM device_type", Integer.class) > 0, "migrated, seeded");
            a.update("INSERT INTO event (occurred_at, kind, source, detail) VALUES (0, 'note', 'test', 'first only')");
            assertEquals(1, a.queryForObject("SELECT COUNT(*) FROM event WHERE detail = 'first only'", Integer.class));
            assertEquals(0, b.queryForObject("SELECT COUNT(*) FROM event WHERE detail = 'first only'", Integer.class));
            assertTrue(first.url().contains("currentSchema=test_firstclass"), first.url());
        } finally {
            first.afterAll(null);
            second.afterAll(null);
        }
        assertEquals(0, new JdbcTemplate(POSTGRES.dataSource()).queryForObject("SELECT COUNT(*) FROM "
                + "information_schema.schemata WHERE schema_name IN ('test_firstclass', 'test_secondclass')",
                Integer.class), "both schemas dropped");
    }

    @Test
    void whatIsMissingSkipsTheTestOrFailsItWhenTheTestsAreRequired() {
        String before = System.getProperty("skaben.test.cluster");
        try {
            System.clearProperty("skaben.test.cluster");
            TestAbortedException skipped = assertThrows(TestAbortedException.class,
                    () -> ClusterPrerequisites.skipOrFail(List.of("a thing")));
            assertTrue(skipped.getMessage().contains("the test needs a thing"), skipped.getMessage());
            System.setProperty("skaben.test.cluster", "required");
            AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                    () -> ClusterPrerequisites.skipOrFail(List.of("a thing")));
            assertTrue(failed.getMessage().contains("-Dskaben.test.cluster=required"), failed.getMessage());
            ClusterPrerequisites.skipOrFail(List.of());
        } finally {
            if (before == null) {
                System.clearProperty("skaben.test.cluster");
            } else {
                System.setProperty("skaben.test.cluster", before);
            }
        }
    }
}
