package dk.consenthub.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodyBytes largest webhook body accepted, from any sender (larger: 413)
 * @param pollDelay pause between dispatch polls when the inbox is empty
 * @param batchSize events claimed per poll
 * @param lease how long a claimed event is reserved for one node before another may take it
 * @param maxAttempts dispatch attempts before an event is marked failed
 * @param retryDelay first pause before a retryable failure is dispatched again (doubles per attempt)
 * @param concurrency events of one batch processed at once (Mailchimp allows about 10 connections per account)
 * @param retention how long a processed event's (encrypted) payload is kept after it was processed
 * @param retentionCron when the inbox retention purge runs (Quartz cron, clustered: one node per slot)
 */
@Validated
@ConfigurationProperties("hub.inbox")
public record InboxProperties(
        @Min(1024) @Max(1048576) @DefaultValue("65536") int maxBodyBytes,
        @NotNull @DefaultValue("500ms") Duration pollDelay,
        @Min(1) @Max(1000) @DefaultValue("500") int batchSize,
        @NotNull @DefaultValue("2m") Duration lease,
        @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
        @NotNull @DefaultValue("30s") Duration retryDelay,
        @Min(1) @Max(10) @DefaultValue("4") int concurrency,
        @NotNull @DefaultValue("30d") Duration retention,
        @NotBlank @DefaultValue("0 45 3 * * ?") String retentionCron) {

    public InboxProperties {
        if (retentionCron != null && !retentionCron.isBlank() && !CronExpression.isValidExpression(retentionCron)) {
            throw new IllegalArgumentException("hub.inbox.retention-cron must be a Quartz cron expression");
        }
    }
}
