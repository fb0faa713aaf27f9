package dk.consenthub.failed;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The failed-message store and its replay.
 *
 * @param retention how long a resolved or archived message is kept after its last status change
 * @param retentionCron when the retention purge runs (Quartz cron, clustered: one node per slot)
 * @param replayRate messages per second a replay sends when the admin gives no {@code ratePerSecond}
 * @param maxReplayRate the highest {@code ratePerSecond} an admin may ask for
 * @param replayPollDelay how often a node looks for a replay run to start
 * @param replayLease how long a node holds a run it works on (renewed per message) before another may take it
 */
@Validated
@ConfigurationProperties("hub.failed")
public record FailedProperties(
        @NotNull @DefaultValue("30d") Duration retention,
        @NotBlank @DefaultValue("0 15 4 * * ?") String retentionCron,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @DefaultValue("5") double replayRate,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @DefaultValue("50") double maxReplayRate,
        @NotNull @DefaultValue("1000") Duration replayPollDelay,
        @NotNull @DefaultValue("5m") Duration replayLease) {

    public FailedProperties {
        if (retentionCron != null && !retentionCron.isBlank() && !CronExpression.isValidExpression(retentionCron)) {
            throw new IllegalArgumentException("hub.failed.retention-cron must be a Quartz cron expression");
        }
    }
}
