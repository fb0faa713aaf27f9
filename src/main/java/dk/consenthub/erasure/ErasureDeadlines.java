package dk.consenthub.erasure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The GDPR clock: unfinished cases within {@code warn-before} of their deadline are counted
 * ({@code hub_erasure_cases_near_deadline}, {@code hub_erasure_cases_overdue}) and warned about in the log, once a
 * day per case.
 */
@Component("erasureDeadlines")
class ErasureDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ErasureDeadlines.class);

    private final JdbcClient jdbc;
    private final ErasureProperties properties;
    private final Clock clock;

    ErasureDeadlines(JdbcClient jdbc, ErasureProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hub.erasure.cases.near.deadline", this, d -> d.unfinishedBefore(properties.warnBefore()))
                .description("Unfinished erasure cases within warn-before of their deadline").register(meters);
        Gauge.builder("hub.erasure.cases.overdue", this, d -> d.unfinishedBefore(Duration.ZERO))
                .description("Unfinished erasure cases past their deadline").register(meters);
        Gauge.builder("hub.erasure.cases.open", this, d -> d.unfinishedBefore(Duration.ofDays(36_500)))
                .description("Unfinished erasure cases").register(meters);
    }

    long unfinishedBefore(Duration ahead) {
        return jdbc.sql("select count(*) from erasure_case where " + ErasureCases.LIVE + " and deadline < :at")
                .param("at", Timestamp.from(clock.instant().plus(ahead))).query(Long.class).single();
    }

    /** Logs a warning for each unfinished case near its deadline not warned about in the last day. */
    public int warn() {
        Instant now = clock.instant();
        record Late(String id, Instant deadline) {
        }
        List<Late> late = jdbc.sql("select id, deadline from erasure_case where " + ErasureCases.LIVE + """
                 and deadline < :soon and (last_warned_at is null or last_warned_at < :dayAgo)
                order by deadline""")
                .param("soon", Timestamp.from(now.plus(properties.warnBefore())))
                .param("dayAgo", Timestamp.from(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> new Late(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        for (Late one : late) {
            long hours = Duration.between(now, one.deadline()).toHours();
            log.warn("Erasure case {} is not complete and its deadline is {} ({}): see GET /admin/erasures/{}",
                    one.id(), one.deadline(), hours >= 0 ? "in " + hours + " hours" : "passed " + -hours + " hours ago",
                    one.id());
            jdbc.sql("update erasure_case set last_warned_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", one.id()).update();
        }
        return late.size();
    }
}
