package dk.consenthub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes staff must make by hand in Gecko while the hub does not write there itself (hub.booking.write-back off). */
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

    /**
     * A consent decision made outside Gecko (in Mailchimp, or told to staff), to be ticked or unticked in Gecko by hand:
     * kind {@code <PURPOSE>_WITHDRAWN} or {@code <PURPOSE>_GRANTED}. One open task per customer and kind is enough. The
     * text names the customer and the flag, nothing else.
     */
    public void consentChanged(ConsentChange change) {
        String kind = change.purpose().name() + (change.granted() ? "_GRANTED" : "_WITHDRAWN");
        jdbc.sql("""
                insert into staff_task (id, subject_id, kind, detail, created_at)
                select :id, s.id, :kind, :detail, :now from subject s where s.gecko_customer_id = :c
                and not exists (select 1 from staff_task t where t.subject_id = s.id and t.kind = :kind and t.done_at is null)
                """).param("id", UUID.randomUUID().toString()).param("c", change.subjectId()).param("kind", kind)
                .param("detail", detail(change)).param("now", Timestamp.from(clock.instant())).update();
    }

    private static String detail(ConsentChange change) {
        String purpose = change.purpose() == Purpose.SMS ? "SMS" : "newsletter";
        String where = "mailchimp".equals(change.source()) ? "in Mailchimp" : "through the clinic's staff";
        String flag = change.purpose() == Purpose.SMS ? "marketing SMS" : "marketing e-mail";
        return "Customer " + change.subjectId() + (change.granted() ? " granted " : " withdrew ") + purpose
                + " consent " + where + ": " + (change.granted() ? "tick " : "untick ") + flag + " in Gecko.";
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
