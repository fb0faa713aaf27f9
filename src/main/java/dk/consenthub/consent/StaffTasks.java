package dk.consenthub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes staff must make by hand in Gecko while the hub does not write there itself. */
@Repository("staffTasks")
public class StaffTasks {

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffTasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Task(String id, String geckoCustomerId, String kind, String detail, Instant createdAt, Instant doneAt) {
    }

    /** A newsletter withdrawal made in Mailchimp, to be ticked off in Gecko. */
    public void newsletterWithdrawn(ConsentChange change) {
        jdbc.sql("""
                insert into staff_task (id, subject_id, kind, detail, created_at)
                select :id, s.id, 'NEWSLETTER_WITHDRAWN', :detail, :now from subject s where s.gecko_customer_id = :c
                """).param("id", UUID.randomUUID().toString()).param("c", change.subjectId())
                .param("detail", "Customer " + change.subjectId() + " withdrew newsletter consent in Mailchimp: "
                        + "untick marketing e-mail in Gecko.")
                .param("now", Timestamp.from(clock.instant())).update();
    }

    public List<Task> open() {
        return jdbc.sql("""
                select t.id, s.gecko_customer_id, t.kind, t.detail, t.created_at, t.done_at
                from staff_task t join subject s on s.id = t.subject_id
                where t.done_at is null order by t.created_at
                """).query((rs, n) -> new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), null)).list();
    }
}
