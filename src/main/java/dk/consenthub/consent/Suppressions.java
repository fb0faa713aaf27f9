package dk.consenthub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Erased addresses, kept only as a keyed hash of the normalized address. The hub never re-imports one into
 * Mailchimp: a Gecko webhook that still says "yes" is the old record, not a new decision. The person's own new
 * sign-up (Mailchimp's {@code subscribe} webhook, after the erasure) lifts it.
 */
@Repository
public class Suppressions {

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final Clock clock;

    Suppressions(JdbcClient jdbc, Subjects subjects, Clock clock) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.clock = clock;
    }

    public void add(String email, String caseId) {
        String key = subjects.emailKey(email);
        try {
            jdbc.sql("insert into suppression (email_key, case_id, suppressed_at) values (:k, :c, :now)")
                    .param("k", key).param("c", caseId).param("now", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException alreadySuppressed) {
            // suppressed by an earlier case: the first stays on record
        }
    }

    public boolean contains(String email) {
        return email != null && jdbc.sql("select count(*) from suppression where email_key = :k")
                .param("k", subjects.emailKey(email)).query(Integer.class).single() > 0;
    }

    /** When the address went on the list, if it is on it. */
    public Optional<Instant> suppressedAt(String email) {
        return jdbc.sql("select suppressed_at from suppression where email_key = :k")
                .param("k", subjects.emailKey(email)).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    void lift(String email) {
        jdbc.sql("delete from suppression where email_key = :k").param("k", subjects.emailKey(email)).update();
    }
}
