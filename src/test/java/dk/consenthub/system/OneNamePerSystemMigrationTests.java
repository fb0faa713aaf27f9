package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.EmbeddedPostgresDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V11 renames the values a database written before it holds: Google Analytics was {@code google-analytics} in
 * erasure tasks and failed messages, and is {@code google} like everywhere else. On H2 and on PostgreSQL.
 */
class OneNamePerSystemMigrationTests {

    @Test
    void googleAnalyticsBecomesGoogleOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v11-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        h2.setUser("hub");
        migratesStoredNames(h2);
    }

    @Test
    void googleAnalyticsBecomesGoogleOnPostgres() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgresDatabase.start()) {
            migratesStoredNames(postgres.getPostgresDatabase());
        }
    }

    void migratesStoredNames(DataSource database) {
        flyway(database, "10").migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into erasure_case (id, subject_id, subject_ref, trigger_source, reason, requested_by, requested_at,
                    deadline, status)
                values ('c1', 's1', 'ref', 'admin', 'subject-request', 'admin', :now, :now, 'OPEN')
                """).param("now", now).update();
        for (String target : List.of("google-analytics", "mailchimp", "gecko", "hub")) {
            jdbc.sql("""
                    insert into erasure_task (id, case_id, target, scope, status, next_attempt_at, updated_at)
                    values (:id, 'c1', :target, 'scope', 'DONE', :now, :now)
                    """).param("id", "t-" + target).param("target", target).param("now", now).update();
            jdbc.sql("""
                    insert into failed_message (id, flow, target, error_type, message_type, group_key, masked_message,
                        attempts, first_failed_at, last_failed_at, key_id, payload, status, status_changed_at)
                    values (:id, 'erasure', :target, 'HTTP_500', 'erasure', :group, 'failed', 1, :now, :now, 'k',
                        :payload, 'FAILED', :now)
                    """).param("id", "f-" + target).param("target", target)
                    .param("group", target + "|HTTP_500|erasure").param("payload", new byte[] {1})
                    .param("now", now).update();
        }

        flyway(database, "11").migrate();

        assertThat(jdbc.sql("select target from erasure_task order by target").query(String.class).list())
                .containsExactly("gecko", "google", "hub", "mailchimp");
        assertThat(jdbc.sql("select target || ' ' || group_key from failed_message order by target")
                .query(String.class).list()).containsExactly("gecko gecko|HTTP_500|erasure",
                "google google|HTTP_500|erasure", "hub hub|HTTP_500|erasure", "mailchimp mailchimp|HTTP_500|erasure");
    }

    static Flyway flyway(DataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }
}
