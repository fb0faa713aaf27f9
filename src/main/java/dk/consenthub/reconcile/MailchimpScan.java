package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentLedger;
import dk.consenthub.consent.ConsentLedger.Source;
import dk.consenthub.consent.ConsentReport;
import dk.consenthub.consent.Purpose;
import dk.consenthub.consent.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Reads each page of Mailchimp members changed since the watermark (all members on a full run) for withdrawals
 * the hub missed (a lost webhook): an unsubscribed or cleaned member becomes a withdrawal in the ledger, dated by
 * its {@code last_changed}, exactly as the webhook would have made it. A withdrawal the hub already holds is not
 * recorded again, so overlapping windows and the hub's own unsubscribes coming back change nothing.
 */
@Component("mailchimpScan")
class MailchimpScan {

    private final ConsentLedger ledger;
    private final Subjects subjects;
    private final ReconcileRuns runs;

    MailchimpScan(ConsentLedger ledger, Subjects subjects, ReconcileRuns runs) {
        this.ledger = ledger;
        this.subjects = subjects;
        this.runs = runs;
    }

    public void record(@Body MemberPage page, @ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        run.memberPageRead(page);
        runs.renew(run);
        List<NewsletterMember> withdrawn = page.members().stream()
                .filter(m -> m.withdrawn() && m.email() != null && !m.email().isBlank()).toList();
        if (withdrawn.isEmpty()) {
            return;
        }
        List<String> keys = withdrawn.stream().map(m -> subjects.emailKey(m.email())).toList();
        Map<String, Boolean> inForce = ledger.currentByEmailKey(keys, Purpose.NEWSLETTER);
        Map<String, Instant> known = ledger.latestWithdrawals(keys, Purpose.NEWSLETTER, Source.MAILCHIMP);
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < withdrawn.size(); i++) {
            NewsletterMember member = withdrawn.get(i);
            String key = keys.get(i);
            Instant changed = member.lastChanged() == null ? run.getStartedAt() : member.lastChanged();
            boolean alreadyWithdrawn = Boolean.FALSE.equals(inForce.get(key));
            boolean alreadyHeard = known.containsKey(key) && !known.get(key).isBefore(changed);
            if (alreadyWithdrawn || alreadyHeard || taken.contains(key)) {
                continue;
            }
            taken.add(key);
            run.getWithdrawals().add(new ConsentReport("mailchimp", member.status().equals("cleaned") ? "cleaned"
                    : "unsubscribe", null, member.email(), null, null, Boolean.FALSE, changed));
            run.addDrift("unsubscribedUpstream", 1);
        }
    }
}
