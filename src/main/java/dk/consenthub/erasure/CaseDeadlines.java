package dk.consenthub.erasure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The GDPR clock (Art. 12(3)) of a person's requests, erasure and access alike: a case is due one month after the
 * request ({@code hub.erasure.deadline}). Unfinished cases within {@code warn-before} of their deadline are counted
 * ({@code hub_<kind>_cases_near_deadline}, {@code hub_<kind>_cases_overdue}, {@code hub_<kind>_cases_open}) and
 * warned about in the log, once a day per case. The cases' table has {@code id}, {@code deadline} and
 * {@code last_warned_at}.
 */
public final class CaseDeadlines {

    private static final Logger log = LoggerFactory.getLogger(CaseDeadlines.class);

    private final String kind;
    private final String table;
    private final String live;
    private final String receipts;
    private final JdbcClient jdbc;
    private final ErasureProperties properties;
    private final Clock clock;

    /**
     * @param kind the kind of case, as in the metric names: {@code erasure}, {@code access}
     * @param table the table of the cases
     * @param live the SQL condition of an unfinished case
     * @param receipts where an admin reads a case, its id appended: {@code /admin/erasures/}
     */
    public CaseDeadlines(String kind, String table, String live, String receipts, JdbcClient jdbc,
                         ErasureProperties properties, Clock clock, MeterRegistry meters) {
        this.kind = kind;
        this.table = table;
        this.live = live;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hub." + kind + ".cases.near.deadline", this, d -> d.unfinishedBefore(properties.warnBefore()))
                .description("Unfinished " + kind + " cases within warn-before of their deadline").register(meters);
        Gauge.builder("hub." + kind + ".cases.overdue", this, d -> d.unfinishedBefore(Duration.ZERO))
                .description("Unfinished " + kind + " cases past their deadline").register(meters);
        Gauge.builder("hub." + kind + ".cases.open", this, d -> d.unfinishedBefore(Duration.ofDays(36_500)))
                .description("Unfinished " + kind + " cases").register(meters);
    }

    /** When a case requested at {@code requestedAt} must be complete. */
    public Instant deadline(Instant requestedAt) {
        return requestedAt.plus(properties.deadline());
    }

    long unfinishedBefore(Duration ahead) {
        return jdbc.sql("select count(*) from " + table + " where " + live + " and deadline < :at")
                .param("at", Timestamp.from(clock.instant().plus(ahead))).query(Long.class).single();
    }

    /** Logs a warning for each unfinished case near its deadline not warned about in the last day. */
    public int warn() {
        Instant now = clock.instant();
        record Late(String id, Instant deadline) {
        }
        List<Late> late = jdbc.sql("select id, deadline from " + table + " where " + live + """
                 and deadline < :soon and (last_warned_at is null or last_warned_at < :dayAgo)
                order by deadline""")
                .param("soon", Timestamp.from(now.plus(properties.warnBefore())))
                .param("dayAgo", Timestamp.from(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> new Late(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        String name = kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
        for (Late one : late) {
            long hours = Duration.between(now, one.deadline()).toHours();
            log.warn("{} case {} is not complete and its deadline is {} ({}): see GET {}{}", name, one.id(),
                    one.deadline(), hours >= 0 ? "in " + hours + " hours" : "passed " + -hours + " hours ago",
                    receipts, one.id());
            jdbc.sql("update " + table + " set last_warned_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", one.id()).update();
        }
        return late.size();
    }
}
