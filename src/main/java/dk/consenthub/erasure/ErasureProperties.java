package dk.consenthub.erasure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Erasure and retention, from the clinic's privacy policy.
 *
 * @param deadline how long after the request a case must be complete (GDPR: one month)
 * @param warnBefore a case this close to its deadline raises a warning and counts in hub_erasure_cases_near_deadline
 * @param pollDelay milliseconds between polls for due tasks while none are due
 * @param verifyPollDelay milliseconds between looks for cases to verify with Gecko while none are waiting
 * @param retentionCron when the retention sweep runs (Quartz cron, clinic time)
 * @param deadlineCron when unfinished cases are checked against their deadline
 * @param batchSize tasks claimed per poll
 * @param concurrency tasks carried out at once (GA's rate and quotas hold across them)
 * @param lease how long a claimed task is reserved for its node
 * @param maxAttempts attempts of a retryable failure before the task is failed (quota deferrals do not count)
 * @param retryDelay first pause after a retryable failure; doubles per attempt
 * @param manualCheckInterval how often a manual Gecko task asks Gecko whether staff have deleted the customer
 * @param requestTag a Gecko customer tag that requests erasure, e.g. "Slet data"
 * @param holdTag a Gecko customer tag that holds retention (a pending matter), e.g. "Verserende sag"
 * @param formerCustomersAfter former customers are erased this long after their last booking
 * @param prospectsOnWithdrawal newsletter-only subjects are erased when they withdraw
 * @param vanishedLimit more customers than this missing from Gecko at once looks like a fault (a wrong account, a
 *     partial export), not a clean-up: then no case is opened for them automatically; an admin decides
 * @param geckoAnonymize whether the clinic's Gecko offers {@code POST /customer/{id}/anonymize}; else staff delete
 * @param autoApproveLimit automatic erasure cases (not an operator's) that may start their tasks within an hour;
 *     more wait for an operator's approval
 * @param kept what the clinic keeps after an erasure, with the reason, shown on every receipt
 */
@Validated
@ConfigurationProperties("hub.erasure")
public record ErasureProperties(
        @NotNull @DefaultValue("30d") Duration deadline,
        @NotNull @DefaultValue("5d") Duration warnBefore,
        @Min(10) @DefaultValue("1000") long pollDelay,
        @Min(10) @DefaultValue("1000") long verifyPollDelay,
        @NotBlank @DefaultValue("0 0 2 * * ?") String retentionCron,
        @NotBlank @DefaultValue("0 0 * * * ?") String deadlineCron,
        @Min(1) @DefaultValue("50") int batchSize,
        @Min(1) @DefaultValue("4") int concurrency,
        @NotNull @DefaultValue("5m") Duration lease,
        @Min(1) @DefaultValue("10") int maxAttempts,
        @NotNull @DefaultValue("1m") Duration retryDelay,
        @NotNull @DefaultValue("1h") Duration manualCheckInterval,
        @NotBlank @DefaultValue("Slet data") String requestTag,
        @NotBlank @DefaultValue("Verserende sag") String holdTag,
        @NotNull @DefaultValue("P5Y") Period formerCustomersAfter,
        @DefaultValue("true") boolean prospectsOnWithdrawal,
        @Min(0) @DefaultValue("25") int vanishedLimit,
        @DefaultValue("false") boolean geckoAnonymize,
        @Min(0) @DefaultValue("20") int autoApproveLimit,
        @Valid @DefaultValue List<Kept> kept) {

    /**
     * @param item what is kept, e.g. "patient journal"
     * @param system where it is kept
     * @param reason why the clinic must keep it
     * @param retention for how long, in words
     */
    public record Kept(@NotBlank String item, @NotBlank String system, @NotBlank String reason, @NotBlank String retention) {
    }
}
