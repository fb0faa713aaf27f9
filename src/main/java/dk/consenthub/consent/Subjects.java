package dk.consenthub.consent;

import dk.consenthub.system.KeyedHasher;
import dk.consenthub.system.PayloadCipher;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The people the hub knows: a Gecko customer id and/or an e-mail address (kept encrypted, found again by a keyed
 * hash). Gecko and Mailchimp meet here: a Mailchimp webhook names an address, a Gecko webhook a customer.
 */
@Repository
public class Subjects {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PayloadCipher cipher;
    private final KeyedHasher hasher;
    private final Clock clock;

    Subjects(JdbcClient jdbc, JdbcTemplate batch, PayloadCipher cipher, KeyedHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.cipher = cipher;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A subject's identifiers and the last newsletter flag Gecko sent. */
    public record Subject(String id, String geckoCustomerId, String email, Boolean geckoNewsletterFlag) {
    }

    public String emailKey(String email) {
        return hasher.hash("subject-email", email.trim().toLowerCase(Locale.ROOT));
    }

    /** The Gecko customer's subject, created on first sight; its address follows what Gecko says now. */
    public Subject forGeckoCustomer(String customerId, String email) {
        for (int attempt = 0; ; attempt++) {
            Optional<Subject> existing = find("gecko_customer_id = :v", customerId);
            if (existing.isEmpty() && email != null) {
                // known by address first (a Mailchimp signup), now seen in Gecko: the same person
                existing = find("email_key = :v and gecko_customer_id is null", emailKey(email));
                existing.ifPresent(s -> jdbc.sql("update subject set gecko_customer_id = :c where id = :id")
                        .param("c", customerId).param("id", s.id()).update());
                existing = existing.map(s -> new Subject(s.id(), customerId, s.email(), s.geckoNewsletterFlag()));
            }
            try {
                if (existing.isEmpty()) {
                    // an address another subject holds (two customers sharing one) stays with that subject
                    boolean heldElsewhere = email != null && find("email_key = :v", emailKey(email)).isPresent();
                    return insert(customerId, heldElsewhere ? null : email);
                }
                Subject subject = existing.get();
                if (email == null || email.trim().equalsIgnoreCase(String.valueOf(subject.email()))) {
                    return subject;
                }
                if (find("email_key = :v", emailKey(email)).isEmpty()) {
                    moveEmail(subject.id(), email);
                }
                return find("id = :v", subject.id()).orElseThrow();
            } catch (DuplicateKeyException raced) {
                if (attempt >= 2) {
                    throw raced;
                }
            }
        }
    }

    /** The subject behind an address (a Mailchimp webhook), created on first sight. */
    public Subject forEmail(String email) {
        for (int attempt = 0; ; attempt++) {
            Optional<Subject> existing = find("email_key = :v", emailKey(email));
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                return insert(null, email);
            } catch (DuplicateKeyException raced) {
                if (attempt >= 2) {
                    throw raced;
                }
            }
        }
    }

    public Optional<Subject> byEmail(String email) {
        return find("email_key = :v", emailKey(email));
    }

    public void moveEmail(String subjectId, String email) {
        PayloadCipher.Sealed sealed = cipher.seal(email.trim().getBytes(StandardCharsets.UTF_8), "subject", subjectId);
        jdbc.sql("update subject set email_key = :k, key_id = :kid, email = :e, updated_at = :now where id = :id")
                .param("k", emailKey(email)).param("kid", sealed.keyId()).param("e", sealed.bytes())
                .param("now", Timestamp.from(clock.instant())).param("id", subjectId).update();
    }

    public void rememberGeckoFlag(String subjectId, Boolean flag) {
        jdbc.sql("update subject set gecko_newsletter_flag = :f, updated_at = :now where id = :id")
                .param("f", flag).param("now", Timestamp.from(clock.instant())).param("id", subjectId).update();
    }

    /** What retention knows of a Gecko customer: the last booking, if known, and whether a hold applies. */
    public record RetentionFacts(java.time.LocalDate lastBooking, boolean hold) {
    }

    /** Retention facts of a page of Gecko customers the hub knows, in one batch; unknown customers are skipped. */
    public void recordRetentionFacts(Map<String, RetentionFacts> byCustomerId) {
        if (byCustomerId.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = byCustomerId.entrySet().stream()
                .map(e -> new Object[] {e.getValue().lastBooking(), e.getValue().hold(), now, e.getKey()}).toList();
        batch.batchUpdate("""
                update subject set last_booking_on = coalesce(?, last_booking_on), retention_hold = ?, updated_at = ?
                where gecko_customer_id = ?""", rows);
    }

    /** What retention needs: the last booking (the end of the relationship, while no new one comes) and a hold. */
    public void recordRetentionFacts(String subjectId, java.time.LocalDate lastBooking, boolean hold) {
        jdbc.sql("""
                update subject set last_booking_on = coalesce(:booking, last_booking_on), retention_hold = :hold,
                    updated_at = :now where id = :id
                """).param("booking", lastBooking).param("hold", hold).param("now", Timestamp.from(clock.instant()))
                .param("id", subjectId).update();
    }

    /**
     * After an erasure the subject keeps no identifier: its ledger rows stay as a pseudonymous history. Its staff
     * tasks and the reconcile fingerprint of their Gecko record go with it.
     */
    /**
     * Remembers that the subject's events were also filed under {@code inboxSubjectKey} (an earlier address, or the
     * decisions staff recorded for them).
     */
    public void rememberEarlierInboxKey(String subjectId, String inboxSubjectKey) {
        jdbc.sql("""
                insert into subject_earlier_inbox_key (subject_id, inbox_subject_key)
                select :id, :key where not exists (select 1 from subject_earlier_inbox_key
                                                   where subject_id = :id and inbox_subject_key = :key)
                """).param("id", subjectId).param("key", inboxSubjectKey).update();
    }

    /** The inbox keys the subject's events were also filed under, for an erasure to purge. */
    public List<String> earlierInboxKeys(String subjectId) {
        return jdbc.sql("select inbox_subject_key from subject_earlier_inbox_key where subject_id = :id")
                .param("id", subjectId).query(String.class).list();
    }

    public void erase(String subjectId) {
        jdbc.sql("delete from staff_task where subject_id = :id").param("id", subjectId).update();
        jdbc.sql("delete from subject_earlier_inbox_key where subject_id = :id").param("id", subjectId).update();
        jdbc.sql("""
                delete from customer_fingerprint
                where gecko_customer_id = (select gecko_customer_id from subject where id = :id)
                """).param("id", subjectId).update();
        jdbc.sql("""
                update subject set gecko_customer_id = null, email_key = null, key_id = null, email = null,
                    gecko_newsletter_flag = null, last_booking_on = null, erased_at = :now, updated_at = :now
                where id = :id
                """).param("now", Timestamp.from(clock.instant())).param("id", subjectId).update();
    }

    public Optional<Subject> byId(String subjectId) {
        return find("id = :v", subjectId);
    }

    public Optional<Subject> byGeckoCustomer(String customerId) {
        return find("gecko_customer_id = :v", customerId);
    }

    private Subject insert(String customerId, String email) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        PayloadCipher.Sealed sealed = email == null ? null
                : cipher.seal(email.trim().getBytes(StandardCharsets.UTF_8), "subject", id);
        jdbc.sql("""
                insert into subject (id, gecko_customer_id, email_key, key_id, email, created_at, updated_at)
                values (:id, :c, :k, :kid, :e, :now, :now)
                """).param("id", id).param("c", customerId).param("k", email == null ? null : emailKey(email))
                .param("kid", sealed == null ? null : sealed.keyId()).param("e", sealed == null ? null : sealed.bytes())
                .param("now", now).update();
        return new Subject(id, customerId, email == null ? null : email.trim(), null);
    }

    private Optional<Subject> find(String condition, String value) {
        return jdbc.sql("select id, gecko_customer_id, key_id, email, gecko_newsletter_flag from subject where " + condition)
                .param("v", value)
                .query((rs, n) -> new Subject(rs.getString("id"), rs.getString("gecko_customer_id"),
                        rs.getBytes("email") == null ? null : new String(cipher.open(new PayloadCipher.Sealed(
                                rs.getString("key_id"), rs.getBytes("email")), "subject", rs.getString("id")),
                                StandardCharsets.UTF_8),
                        (Boolean) rs.getObject("gecko_newsletter_flag")))
                .optional();
    }
}
