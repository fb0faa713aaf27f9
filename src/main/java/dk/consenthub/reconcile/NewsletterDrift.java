package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentLedger;
import dk.consenthub.consent.Purpose;
import dk.consenthub.consent.Subjects;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Compares what Mailchimp says with the decisions in force, once the run's own withdrawals and decisions are in the
 * ledger: a member whose status contradicts the hub ({@code statusDiffers}), and on a full run, when every member
 * has been read, an address the hub says may receive the newsletter that is not on the list
 * ({@code missingInMailchimp}). Reported, not repaired: writes come from decisions only.
 */
@Component("newsletterDrift")
class NewsletterDrift {

    private final ConsentLedger ledger;
    private final Subjects subjects;

    NewsletterDrift(ConsentLedger ledger, Subjects subjects) {
        this.ledger = ledger;
        this.subjects = subjects;
    }

    public void compare(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        List<NewsletterMember> members = run.members().stream()
                .filter(m -> m.email() != null && !m.email().isBlank()).toList();
        List<String> keys = members.stream().map(m -> subjects.emailKey(m.email())).toList();
        Map<String, Boolean> inForce = ledger.currentByEmailKey(keys, Purpose.NEWSLETTER);
        long differs = 0;
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            NewsletterMember member = members.get(i);
            Boolean granted = inForce.get(keys.get(i));
            if (granted != null && (member.receiving() && !granted || member.withdrawn() && granted)) {
                differs++;
            }
            if (!member.status().equals("archived")) {
                listed.add(keys.get(i));
            }
        }
        run.drift("statusDiffers", differs);
        if (run.isFull()) {
            Set<String> missing = ledger.grantedEmailKeys(Purpose.NEWSLETTER);
            missing.removeAll(listed);
            run.drift("missingInMailchimp", missing.size());
        }
        run.phases().phaseDone("drift");
    }
}
