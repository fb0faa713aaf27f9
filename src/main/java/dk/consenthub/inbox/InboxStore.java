package dk.consenthub.inbox;

import dk.consenthub.system.KeyedHasher;
import dk.consenthub.system.PayloadCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable inbox. Every delivery is stored (encrypted) before it is acknowledged; dispatch claims due events
 * with a lease, so several nodes can share the work and a crashed node's events are taken over.
 */
@Repository
public class InboxStore {

    public enum Status { PENDING, PROCESSING, DONE, FAILED }

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private final KeyedHasher hasher;
    private final Clock clock;
    private final NewEvents newEvents;

    InboxStore(JdbcClient jdbc, PayloadCipher cipher, KeyedHasher hasher, Clock clock, NewEvents newEvents) {
        this.jdbc = jdbc;
        this.newEvents = newEvents;
        this.cipher = cipher;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Stores the event, or finds the one it repeats. */
    public Stored store(NewInboxEvent event) {
        String subjectKey = hasher.hash("inbox-subject", event.source() + "\n" + event.subjectId());
        String contentKey = hasher.hash("inbox-content",
                event.source() + "\n" + event.type() + "\n" + subjectKey + "\n" + sha256(event.payload())).substring(0, 32);
        for (int attempt = 0; ; attempt++) {
            String predecessor = "";
            if (event.dedup() == NewInboxEvent.Dedup.SAME_AS_LATEST_OF_SUBJECT) {
                Optional<Latest> latest = latestOfSubject(subjectKey);
                if (latest.isPresent() && latest.get().dedupKey().startsWith(contentKey)) {
                    return new Stored(latest.get().id(), true);
                }
                predecessor = latest.map(Latest::id).orElse("");
            }
            // The row key chains the content to the subject's previous event: unique per delivery, yet equal
            // content may come back later as a new event (grant, withdrawal, grant again).
            String rowKey = contentKey + hasher.hash("inbox-chain", predecessor).substring(0, 32);
            try {
                // a repeat is rare: the unique key finds it, no lookup before every insert
                return new Stored(insert(event, subjectKey, rowKey), false);
            } catch (DuplicateKeyException repeated) {
                Optional<String> existing = findByDedupKey(rowKey);
                if (existing.isPresent()) {
                    return new Stored(existing.get(), true);
                }
                if (attempt >= 2) {
                    throw repeated;
                }
            }
        }
    }

    private String insert(NewInboxEvent event, String subjectKey, String dedupKey) {
        String id = UUID.randomUUID().toString();
        PayloadCipher.Sealed sealed = cipher.seal(event.payload(), "inbox_event", id);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into inbox_event (id, source, event_type, subject_key, dedup_key, key_id, payload, status,
                                         attempts, next_attempt_at, received_at)
                values (:id, :source, :type, :subject, :dedup, :keyId, :payload, 'PENDING', 0, :now, :now)
                """)
                .param("id", id).param("source", event.source()).param("type", event.type())
                .param("subject", subjectKey).param("dedup", dedupKey)
                .param("keyId", sealed.keyId()).param("payload", sealed.bytes()).param("now", now)
                .update();
        newEvents.stored();
        return id;
    }

    private Optional<Latest> latestOfSubject(String subjectKey) {
        return jdbc.sql("select id, dedup_key from inbox_event where subject_key = :s order by seq desc limit 1")
                .param("s", subjectKey)
                .query((rs, n) -> new Latest(rs.getString(1), rs.getString(2)))
                .optional();
    }

    private Optional<String> findByDedupKey(String dedupKey) {
        return jdbc.sql("select id from inbox_event where dedup_key = :k").param("k", dedupKey)
                .query(String.class).optional();
    }

    /**
     * Claims up to {@code limit} due events for {@code owner}, oldest first, at most one per subject: a subject's
     * later event waits until the earlier one is finished, so a batch can run in parallel without reordering a
     * person's consent changes. A conditional update per row makes the claim safe across nodes on any database;
     * a row another node took first is simply skipped.
     */
    public List<InboxEvent> claimDue(String owner, int limit, java.time.Duration lease) {
        Timestamp now = Timestamp.from(clock.instant());
        // whole milliseconds, which every database stores exactly: the claimed rows are found by this value
        Timestamp until = Timestamp.from(clock.instant().plus(lease).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        // Two index-friendly queries rather than one OR: finished rows, the bulk of the table, are never scanned.
        List<Candidate> candidates = new ArrayList<>(candidates("""
                select e.id, e.subject_key, e.seq from inbox_event e
                where e.status = 'PENDING' and e.next_attempt_at <= :now
                  and not exists (select 1 from inbox_event earlier
                                  where earlier.subject_key = e.subject_key and earlier.seq < e.seq
                                    and earlier.status in ('PENDING', 'PROCESSING'))
                order by e.seq limit :limit
                """, now, limit));
        candidates.addAll(candidates("""
                select e.id, e.subject_key, e.seq from inbox_event e
                where e.status = 'PROCESSING' and e.lease_until < :now
                order by e.seq limit :limit
                """, now, limit));
        candidates.sort(java.util.Comparator.comparingLong(Candidate::seq));
        List<String> ids = new ArrayList<>();
        java.util.Set<String> subjects = new java.util.HashSet<>();
        for (Candidate candidate : candidates) {
            if (ids.size() < limit && subjects.add(candidate.subjectKey())) {
                ids.add(candidate.id());
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // one conditional update for all: a row another node took meanwhile no longer matches and is skipped; the
        // rows this claim took are those now leased to this owner until exactly this claim's time
        jdbc.sql("""
                update inbox_event set status = 'PROCESSING', lease_owner = :owner, lease_until = :until,
                                       attempts = attempts + 1
                where id in (:ids) and ((status = 'PENDING' and next_attempt_at <= :now)
                                        or (status = 'PROCESSING' and lease_until < :now))
                """).param("owner", owner).param("until", until).param("ids", ids).param("now", now).update();
        List<InboxEvent> claimed = new ArrayList<>(jdbc.sql("""
                select id, source, event_type, key_id, payload, attempts, received_at, seq from inbox_event
                where id in (:ids) and lease_owner = :owner and lease_until = :until and status = 'PROCESSING'
                order by seq
                """).param("ids", ids).param("owner", owner).param("until", until)
                .query((rs, n) -> event(rs)).list());
        return claimed;
    }

    private List<Candidate> candidates(String sql, Timestamp now, int limit) {
        return jdbc.sql(sql).param("now", now).param("limit", limit)
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    private record Candidate(String id, String subjectKey, long seq) {
    }

    private InboxEvent load(String id) {
        return jdbc.sql("select id, source, event_type, key_id, payload, attempts, received_at from inbox_event where id = :id")
                .param("id", id)
                .query((rs, n) -> event(rs))
                .single();
    }

    private InboxEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        return new InboxEvent(id, rs.getString("source"), rs.getString("event_type"),
                cipher.open(new PayloadCipher.Sealed(rs.getString("key_id"), rs.getBytes("payload")), "inbox_event", id),
                rs.getInt("attempts"), rs.getTimestamp("received_at").toInstant());
    }

    /**
     * The event's turn has come in its batch: its lease starts afresh, so time spent waiting behind the batch's other
     * events does not count. False when the lease was lost meanwhile (another node took the event): then this node
     * must not process it.
     */
    public boolean begin(String id, String owner, java.time.Duration lease) {
        return jdbc.sql("""
                update inbox_event set lease_until = :until
                where id = :id and lease_owner = :owner and status = 'PROCESSING'
                """).param("until", Timestamp.from(clock.instant().plus(lease))).param("id", id).param("owner", owner)
                .update() == 1;
    }

    /**
     * Takes a failed event back for a replay: {@code FAILED -> PROCESSING} with a lease for {@code owner}, one
     * attempt more. Empty when the event is not failed (a compare-and-set: it is never dispatched twice at once).
     */
    public Optional<InboxEvent> reopen(String id, String owner, java.time.Duration lease) {
        int updated = jdbc.sql("""
                update inbox_event set status = 'PROCESSING', lease_owner = :owner, lease_until = :until,
                                       attempts = attempts + 1
                where id = :id and status = 'FAILED'
                """).param("owner", owner).param("until", Timestamp.from(clock.instant().plus(lease)))
                .param("id", id).update();
        return updated == 1 ? Optional.of(load(id)) : Optional.empty();
    }

    public void complete(String id) {
        finish(id, Status.DONE, null);
    }

    /** Marks these events done at once (one statement per 500). */
    public void completeAll(List<String> ids) {
        Timestamp now = Timestamp.from(clock.instant());
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("""
                    update inbox_event set status = 'DONE', processed_at = :now, lease_owner = null, lease_until = null,
                                           last_error = null
                    where id in (:ids)
                    """).param("now", now).param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).update();
        }
    }

    public void fail(String id, String maskedError) {
        finish(id, Status.FAILED, maskedError);
    }

    private void finish(String id, Status status, String maskedError) {
        jdbc.sql("""
                update inbox_event set status = :status, processed_at = :now, lease_owner = null, lease_until = null,
                                       last_error = :error
                where id = :id
                """).param("status", status.name()).param("now", Timestamp.from(clock.instant()))
                .param("error", truncate(maskedError)).param("id", id).update();
    }

    /** Puts a failed attempt back in line, due at {@code notBefore}. */
    public void retryLater(String id, Instant notBefore, String maskedError) {
        jdbc.sql("""
                update inbox_event set status = 'PENDING', next_attempt_at = :at, lease_owner = null, lease_until = null,
                                       last_error = :error
                where id = :id
                """).param("at", Timestamp.from(notBefore)).param("error", truncate(maskedError)).param("id", id).update();
    }

    /** The keyed hash the inbox files a subject's events under (the subject id itself is not stored). */
    public String subjectKey(String source, String subjectId) {
        return hasher.hash("inbox-subject", source + "\n" + subjectId);
    }

    /** Deletes every event of a subject (an erasure); returns their ids, so dependent records can follow. */
    public List<String> purgeSubject(String source, String subjectId) {
        return purgeSubjectKey(subjectKey(source, subjectId));
    }

    /** The ids of the events filed under {@code subjectKey}. */
    public List<String> eventIds(String subjectKey) {
        return jdbc.sql("select id from inbox_event where subject_key = :s").param("s", subjectKey)
                .query(String.class).list();
    }

    /** Deletes every event filed under {@code subjectKey}; returns their ids. */
    public List<String> purgeSubjectKey(String subjectKey) {
        List<String> ids = eventIds(subjectKey);
        jdbc.sql("delete from inbox_event where subject_key = :s").param("s", subjectKey).update();
        return ids;
    }

    public long depth() {
        return jdbc.sql("select count(*) from inbox_event where status in ('PENDING', 'PROCESSING')")
                .query(Long.class).single();
    }

    public int attempts(String id) {
        return jdbc.sql("select attempts from inbox_event where id = :id").param("id", id).query(Integer.class).single();
    }

    public Optional<Status> status(String id) {
        return jdbc.sql("select status from inbox_event where id = :id").param("id", id)
                .query(String.class).optional().map(Status::valueOf);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Latest(String id, String dedupKey) {
    }

    /** @param duplicate true when the delivery repeated an event already stored */
    public record Stored(String eventId, boolean duplicate) {
    }
}
