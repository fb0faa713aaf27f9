package dk.consenthub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.HubIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reconciliation and its schedule on a real PostgreSQL 17: Flyway creates the Quartz tables (V5) and the reconcile
 * tables (V6); Quartz stores and reads its job data as BYTEA (PostgreSQLDelegate) when the trigger fires.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.reconcile.incremental-cron=*/1 * * * * ?")
@DirtiesContext // the schedule keeps firing every second: close this hub when done
class PostgresReconcileIntegrationTests {

    // stopped by its own shutdown hook when the JVM exits, so never under the hub, which @DirtiesContext closes first
    static final EmbeddedPostgres POSTGRES = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, POSTGRES);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void scheduledRunsReconcileOnPostgresAndALaterRunWritesNothing() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 17");
        assertThat(jdbc.sql("select count(*) from qrtz_triggers where trigger_group = 'reconcile'")
                .query(Long.class).single()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> succeeded().size() >= 2);

        List<Map<String, Object>> runs = succeeded();
        Map<String, Object> first = runs.get(0);
        Map<String, Object> later = runs.get(runs.size() - 1);
        assertThat(((Number) first.get("customers_seen")).intValue()).isEqualTo(60);
        assertThat(((Number) first.get("changes")).intValue()).isPositive();
        // two sandbox customers carry the erasure tag: they get erasure cases, not consent sync
        assertThat((String) first.get("drift")).contains("\"newInGecko\":58").contains("\"erasing\":2");
        assertThat(((Number) later.get("writes")).intValue()).isZero();
        assertThat((String) later.get("drift")).contains("\"unchanged\":58").contains("\"erasing\":2");
        assertThat(jdbc.sql("select count(*) from customer_fingerprint").query(Long.class).single()).isEqualTo(58);
        assertThat(jdbc.sql("select count(*) from erasure_case where trigger_source = 'gecko-tag'").query(Long.class)
                .single()).as("one case each, however often the scan sees them").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from reconcile_watermark where source = 'mailchimp'")
                .query(Long.class).single()).isEqualTo(1);
    }

    List<Map<String, Object>> succeeded() {
        return jdbc.sql("""
                select customers_seen, changes, writes, drift from reconcile_run
                where trigger_source = 'schedule' and status = 'SUCCEEDED' order by started_at
                """).query().listOfRows();
    }
}
