package dk.consenthub.access;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access requests (GDPR Art. 15). Their deadline is erasure's one-month clock ({@code hub.erasure.deadline},
 * {@code warn-before}, {@code deadline-cron}).
 *
 * @param retention how long a finished report is kept for staff to hand over; then it is deleted
 * @param purgeCron when expired reports are deleted (Quartz cron, clinic time)
 * @param pollDelay milliseconds between polls for due tasks while none are due
 * @param lease how long a claimed task is reserved for its node
 * @param maxAttempts attempts of a retryable failure before the task fails and the case becomes PARTIAL
 * @param retryDelay first pause after a retryable failure; doubles per attempt
 * @param recentActivity how many of the newest Mailchimp activity events the report shows
 */
@Validated
@ConfigurationProperties("hub.access")
public record AccessProperties(
        @NotNull @DefaultValue("P30D") Duration retention,
        @NotBlank @DefaultValue("0 15 * * * ?") String purgeCron,
        @Min(10) @DefaultValue("1000") long pollDelay,
        @NotNull @DefaultValue("5m") Duration lease,
        @Min(1) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("1m") Duration retryDelay,
        @Min(1) @Max(1000) @DefaultValue("50") int recentActivity) {

    public AccessProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("hub.access.retention must be positive");
        }
    }
}
