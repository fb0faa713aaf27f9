package dk.consenthub.analytics;

import dk.consenthub.erasure.ErasureDeferredException;
import dk.consenthub.erasure.ErasureQueue;
import dk.consenthub.erasure.ErasureWork;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ExchangeProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Google's limits on user deletion, per property: {@code daily-quota} requests per quota day (counted in the
 * database, so every node shares one count) and {@code requests-per-second} (spaced on this node). A task over
 * the daily quota is deferred to the next quota day, not failed.
 */
@Component("analyticsQuota")
class AnalyticsQuota {

    private final JdbcClient jdbc;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final Map<String, Long> nextSlotNanos = new ConcurrentHashMap<>();

    AnalyticsQuota(JdbcClient jdbc, AnalyticsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes one request from the property's daily quota and waits for its rate slot; defers the task when spent. */
    public void acquire(@ExchangeProperty(ErasureQueue.WORK) ErasureWork work) throws InterruptedException {
        String key = AnalyticsDeletions.quotaKey(work.scope());
        LocalDate day = LocalDate.ofInstant(clock.instant(), properties.quotaZone());
        if (!take(key, day)) {
            Instant nextDay = day.plusDays(1).atStartOfDay(properties.quotaZone()).toInstant();
            throw new ErasureDeferredException(nextDay, "Google's daily quota of " + properties.dailyQuota()
                    + " user deletions for " + key + " is spent; deferred to the next quota day");
        }
        waitForSlot(key);
    }

    private boolean take(String key, LocalDate day) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int taken = jdbc.sql("""
                    update analytics_quota set used = used + 1
                    where property_id = :p and quota_day = :d and used < :limit
                    """).param("p", key).param("d", day).param("limit", properties.dailyQuota()).update();
            if (taken == 1) {
                return true;
            }
            if (used(key, day) != null) {
                return false;
            }
            try {
                jdbc.sql("insert into analytics_quota (property_id, quota_day, used) values (:p, :d, 1)")
                        .param("p", key).param("d", day).update();
                return true;
            } catch (DuplicateKeyException raced) {
                // another node opened the day first: count against its row
            }
        }
        return false;
    }

    /** Requests used on a quota day, {@code null} when none was counted. */
    Integer used(String key, LocalDate day) {
        return jdbc.sql("select used from analytics_quota where property_id = :p and quota_day = :d")
                .param("p", key).param("d", day).query(Integer.class).optional().orElse(null);
    }

    private void waitForSlot(String key) throws InterruptedException {
        long interval = (long) (1_000_000_000L / properties.requestsPerSecond());
        long now = System.nanoTime();
        long slot = nextSlotNanos.merge(key, now, (previous, current) -> Math.max(previous + interval, current));
        long wait = slot - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
