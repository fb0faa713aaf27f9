package dk.consenthub.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.SteppingClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log's SQL, migrated by Flyway, on both databases the hub runs on: H2 (PostgreSQL mode) and PostgreSQL 17. */
class AuditLogDatabaseIntegrationTests {

    abstract static class Contract {

        SteppingClock clock;
        AuditLog log;

        abstract DataSource dataSource();

        @BeforeEach
        void migrate() {
            DataSource dataSource = dataSource();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("delete from admin_audit").update();
            clock = new SteppingClock();
            log = new AuditLog(jdbc, new ObjectMapper(), clock);
        }

        void record(String actor, String action, Map<String, String> ids, int outcome) {
            log.record(actor, action, ids, outcome);
            clock.step(Duration.ofSeconds(1));
        }

        @Test
        void readsNewestFirstWithTheIds() {
            record("anne", "POST /admin/failed-messages/replay", Map.of("group", "mailchimp|HTTP_503|x"), 202);
            record("bo", "POST /admin/reconcile", Map.of(), 409);

            AuditLog.Page page = log.page(null, null, 0, 10);

            assertThat(page.total()).isEqualTo(2);
            assertThat(page.items()).extracting(AuditLog.Entry::actor).containsExactly("bo", "anne");
            AuditLog.Entry replay = page.items().get(1);
            assertThat(replay.ids()).containsEntry("group", "mailchimp|HTTP_503|x");
            assertThat(replay.outcome()).isEqualTo(202);
            assertThat(replay.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        }

        @Test
        void filtersByActorExactlyAndByAPartOfTheActionInAnyCase() {
            record("anne", "POST /admin/failed-messages/archive", Map.of(), 200);
            record("anne2", "POST /admin/failed-messages/archive", Map.of(), 200);
            record("anne", "LOGIN_FAILED", Map.of("via", "form"), 401);

            assertThat(log.page("anne", null, 0, 10).total()).isEqualTo(2);
            assertThat(log.page(null, "ARCHIVE", 0, 10).total()).isEqualTo(2);
            assertThat(log.page("anne", "login_failed", 0, 10).items()).singleElement()
                    .extracting(AuditLog.Entry::action).isEqualTo("LOGIN_FAILED");
        }

        @Test
        void wildcardsInTheFilterAreLiteral() {
            record("anne", "POST /admin/erasures", Map.of(), 202);

            assertThat(log.page(null, "%", 0, 10).total()).isZero();
            assertThat(log.page(null, "_", 0, 10).total()).isZero();
            assertThat(log.page(null, "erasures", 0, 10).total()).isEqualTo(1);
        }

        @Test
        void pagesAndCounts() {
            for (int i = 0; i < 5; i++) {
                record("anne", "POST /admin/nothing/{id}", Map.of("id", String.valueOf(6_000_500 + i)), 404);
            }
            record("unknown", AuditLog.LOGIN_FAILED, Map.of("via", "basic"), 401);

            AuditLog.Page second = log.page("anne", null, 1, 2);
            assertThat(second.total()).isEqualTo(5);
            assertThat(second.items()).extracting(entry -> entry.ids().get("id")).containsExactly("6000502", "6000501");
            assertThat(log.countSince(null, Instant.parse("2026-11-20T09:00:02Z"))).isEqualTo(4);
            assertThat(log.countSince(AuditLog.LOGIN_FAILED, Instant.parse("2026-11-20T09:00:00Z"))).isEqualTo(1);
        }
    }

    @Nested
    class OnH2 extends Contract {

        final JdbcDataSource h2 = new JdbcDataSource();

        OnH2() {
            h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            h2.setUser("hub");
        }

        @Override
        DataSource dataSource() {
            return h2;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {

        final EmbeddedPostgres postgres = EmbeddedPostgresDatabase.start();

        @Override
        DataSource dataSource() {
            return postgres.getPostgresDatabase();
        }

        @AfterAll
        void stop() throws Exception {
            postgres.close();
        }
    }
}
