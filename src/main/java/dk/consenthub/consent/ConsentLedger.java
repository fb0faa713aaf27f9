package dk.consenthub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only record of consent decisions. The current state of a purpose is its latest decision by the
 * time it was made (not received), so deliveries that arrive out of order still land in order; when two
 * decisions carry the same time, the withdrawal wins. Mailchimp reports times to the second: a decision from
 * another source within the same second is a tie, not a race. One source's own decisions keep their order.
 */
@Repository
public class ConsentLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    ConsentLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public enum Source { GECKO, MAILCHIMP, ADMIN, RETENTION }

    public record Entry(String subjectId, Purpose purpose, boolean granted, Source source, Instant occurredAt,
                        Instant receivedAt, String eventId) {
    }

    public void append(String subjectId, Purpose purpose, boolean granted, Source source, Instant occurredAt,
                       String eventId) {
        jdbc.sql("""
                insert into consent_ledger (subject_id, purpose, granted, source, occurred_at, received_at, event_id)
                values (:s, :p, :g, :src, :at, :now, :e)
                """).param("s", subjectId).param("p", purpose.name()).param("g", granted).param("src", source.name())
                .param("at", Timestamp.from(occurredAt)).param("now", Timestamp.from(clock.instant()))
                .param("e", eventId).update();
    }

    /**
     * The decision in force: the latest by occurrence (a source's own decisions in their order), unless another
     * source withdrew within the same second.
     */
    public Optional<Entry> current(String subjectId, Purpose purpose) {
        List<Entry> recent = history(subjectId, purpose, 20);
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        Entry latest = recent.get(0);
        Instant second = latest.occurredAt().truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(recent.stream()
                .filter(e -> !e.granted() && e.source() != latest.source()
                        && !e.occurredAt().truncatedTo(ChronoUnit.SECONDS).isBefore(second))
                .findFirst().orElse(latest));
    }

    /** Whether the decision in force for the purpose is {@code granted}; no decision counts as the opposite. */
    public boolean inForce(String subjectId, Purpose purpose, boolean granted) {
        return current(subjectId, purpose).map(Entry::granted).orElse(!granted) == granted;
    }

    /** One source's latest decision: what that source last said, whatever others decided since. */
    public Optional<Entry> latestFrom(String subjectId, Purpose purpose, Source source) {
        return entries("where subject_id = :s and purpose = :p and source = :src", 1)
                .param("s", subjectId).param("p", purpose.name()).param("src", source.name()).query(ENTRY).optional();
    }

    /** Newest first: by occurrence, then arrival. */
    public List<Entry> history(String subjectId, Purpose purpose, int limit) {
        return entries("where subject_id = :s and purpose = :p", limit)
                .param("s", subjectId).param("p", purpose.name()).query(ENTRY).list();
    }

    private JdbcClient.StatementSpec entries(String where, int limit) {
        return jdbc.sql("select subject_id, purpose, granted, source, occurred_at, received_at, event_id from consent_ledger "
                + where + " order by occurred_at desc, id desc limit :limit").param("limit", limit);
    }

    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getString("subject_id"),
            Purpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"), Source.valueOf(rs.getString("source")),
            rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
            rs.getString("event_id"));

    /** Whether an event's decision is already recorded: a retried event must not decide twice, nor lose its effect. */
    public boolean recorded(String eventId, Purpose purpose) {
        return eventId != null && jdbc.sql("select count(*) from consent_ledger where event_id = :e and purpose = :p")
                .param("e", eventId).param("p", purpose.name()).query(Long.class).single() > 0;
    }

    /** Whether the subject ever withdrew this purpose before {@code before}. */
    public boolean withdrewBefore(String subjectId, Purpose purpose, Instant before) {
        return jdbc.sql("""
                select count(*) from consent_ledger
                where subject_id = :s and purpose = :p and granted = false and occurred_at <= :before
                """).param("s", subjectId).param("p", purpose.name()).param("before", Timestamp.from(before))
                .query(Long.class).single() > 0;
    }

    /** Whether the subject ever granted this purpose before {@code before}. */
    public boolean grantedBefore(String subjectId, Purpose purpose, Instant before) {
        return jdbc.sql("""
                select count(*) from consent_ledger
                where subject_id = :s and purpose = :p and granted = true and occurred_at < :before
                """).param("s", subjectId).param("p", purpose.name()).param("before", Timestamp.from(before))
                .query(Long.class).single() > 0;
    }

    /** The decision in force per subject address (by {@link Subjects#emailKey}), for many addresses at once. */
    public Map<String, Boolean> currentByEmailKey(Collection<String> emailKeys, Purpose purpose) {
        Map<String, Boolean> current = new HashMap<>();
        for (List<String> chunk : chunks(emailKeys)) {
            jdbc.sql(IN_FORCE + " where s.email_key in (:keys)")
                    .param("p", purpose.name()).param("keys", chunk)
                    .query((RowCallbackHandler) rs -> current.put(rs.getString(1), rs.getBoolean(2)));
        }
        return current;
    }

    /** The addresses (by {@link Subjects#emailKey}) whose decision in force grants the purpose. */
    public Set<String> grantedEmailKeys(Purpose purpose) {
        return new HashSet<>(jdbc.sql(IN_FORCE + " where l.granted = true and s.email_key is not null")
                .param("p", purpose.name()).query((rs, n) -> rs.getString(1)).list());
    }

    /** The latest withdrawal each address made at a source, for many addresses at once. */
    public Map<String, Instant> latestWithdrawals(Collection<String> emailKeys, Purpose purpose, Source source) {
        Map<String, Instant> latest = new HashMap<>();
        for (List<String> chunk : chunks(emailKeys)) {
            jdbc.sql("""
                    select s.email_key, max(l.occurred_at) from consent_ledger l join subject s on s.id = l.subject_id
                    where l.purpose = :p and l.source = :src and l.granted = false and s.email_key in (:keys)
                    group by s.email_key
                    """).param("p", purpose.name()).param("src", source.name()).param("keys", chunk)
                    .query((RowCallbackHandler) rs -> latest.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        }
        return latest;
    }

    /** Each subject's decision in force, in the order {@link #current} decides. */
    private static final String IN_FORCE = """
            select s.email_key, l.granted from subject s join (
                select subject_id, granted, row_number() over (
                    partition by subject_id order by occurred_at desc, granted asc, id desc) as position
                from consent_ledger where purpose = :p) l on l.subject_id = s.id and l.position = 1
            """;

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }
}
