package dk.consenthub.access;

import dk.consenthub.erasure.CaseDeadlines;
import dk.consenthub.erasure.ErasureProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Access cases run on erasure's one-month clock (GDPR Art. 12(3)): {@code hub_access_cases_open},
 * {@code hub_access_cases_near_deadline}, {@code hub_access_cases_overdue}, and a warning a day per late case.
 */
@Component("accessDeadlines")
public class AccessDeadlines {

    private final CaseDeadlines deadlines;

    AccessDeadlines(JdbcClient jdbc, ErasureProperties erasure, Clock clock, MeterRegistry meters) {
        this.deadlines = new CaseDeadlines("access", "access_case", AccessCases.LIVE, "/admin/access-requests/", jdbc,
                erasure, clock, meters);
    }

    Instant deadline(Instant requestedAt) {
        return deadlines.deadline(requestedAt);
    }

    /** Logs a warning for each unfinished case near its deadline not warned about in the last day. */
    public int warn() {
        return deadlines.warn();
    }
}
