package dk.consenthub.reconcile;

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
 * Reconciliation: when it runs and how it reads the two systems.
 *
 * @param incrementalCron Quartz cron of the incremental run (Gecko fingerprints, Mailchimp changes since the
 *     watermark)
 * @param fullCron Quartz cron of the full run (also reports customers gone from Gecko and the whole Mailchimp drift)
 * @param timeZone the zone both crons are read in
 * @param geckoPageSize {@code rowsPerPage} of Gecko's customer list
 * @param mailchimpPageSize {@code count} of Mailchimp's member list (Mailchimp allows at most 1000)
 * @param mailchimpOverlap how far before the watermark an incremental read starts again ({@code since_last_changed}
 *     means "changed after", and clocks differ)
 * @param lockLease how long the one-run-at-a-time lock lasts unless renewed; a run renews it as it works, so a run
 *     whose node died frees the lock within this time
 */
@Validated
@ConfigurationProperties("hub.reconcile")
public record ReconcileProperties(
        @NotBlank @DefaultValue("0 */15 * * * ?") String incrementalCron,
        @NotBlank @DefaultValue("0 30 3 * * ?") String fullCron,
        @Min(1) @Max(1000) @DefaultValue("100") int geckoPageSize,
        @Min(1) @Max(1000) @DefaultValue("1000") int mailchimpPageSize,
        @NotNull @DefaultValue("5m") Duration mailchimpOverlap,
        @NotNull @DefaultValue("5m") Duration lockLease) {

    public ReconcileProperties {
        requireCron("hub.reconcile.incremental-cron", incrementalCron);
        requireCron("hub.reconcile.full-cron", fullCron);
    }

    private static void requireCron(String property, String cron) {
        if (cron != null && !cron.isBlank() && !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(property + " must be a Quartz cron expression"
                    + " (seconds minutes hours day-of-month month day-of-week [year])");
        }
    }
}
