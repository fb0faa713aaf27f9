package dk.consenthub.erasure;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The GDPR clock of erasure cases ({@link CaseDeadlines}): {@code hub_erasure_cases_near_deadline},
 * {@code hub_erasure_cases_overdue}, {@code hub_erasure_cases_open}, and a warning a day per late case.
 */
@Component("erasureDeadlines")
class ErasureDeadlines {

    private final CaseDeadlines deadlines;

    ErasureDeadlines(JdbcClient jdbc, ErasureProperties properties, Clock clock, MeterRegistry meters) {
        this.deadlines = new CaseDeadlines("erasure", "erasure_case", ErasureCases.LIVE, "/admin/erasures/", jdbc,
                properties, clock, meters);
    }

    /** Logs a warning for each unfinished case near its deadline not warned about in the last day. */
    public int warn() {
        return deadlines.warn();
    }
}
