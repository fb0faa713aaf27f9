package dk.consenthub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentLedger.Source;
import dk.consenthub.consent.Subjects.Subject;
import dk.consenthub.inbox.InboxDispatch;
import dk.consenthub.inbox.InboxStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns what a source says into consent decisions in the ledger, and decides what the other systems must be
 * told. The rules, from the privacy policy and the vendors' behaviour:
 * <ul>
 * <li>Gecko's template carries the <em>current</em> flag on every customer update: an unchanged flag is not a new
 * decision, so a customer who unsubscribed in Mailchimp and then changed their phone number stays unsubscribed.</li>
 * <li>Only a transition is a decision; a grant renewed after a withdrawal re-subscribes (as {@code pending} under
 * double opt-in).</li>
 * <li>The ledger decides by time of decision: an older grant never overrides a newer withdrawal.</li>
 * <li>A withdrawal made in Mailchimp is for Gecko to learn (the route writes it back or lists it for staff).</li>
 * <li>An erased address is never re-imported from Gecko ({@link Suppressions}); the person's own new sign-up in
 * Mailchimp, or their grant given to staff, lifts that.</li>
 * <li>A decision staff record (a person phoned the clinic) is a decision like the others, from source admin.</li>
 * </ul>
 * Reads a {@link ConsentReport} body; sets the exchange property {@code newsletterAction} (subscribe, resubscribe, unsubscribe, none) or
 * {@code geckoAction} (withdrawal, none), and the body to the {@link ConsentChange}.
 */
@Component("consentDecisions")
public class ConsentDecisions {

    /** Exchange properties the decisions set: what Mailchimp must be told, what Gecko must learn. */
    public static final String NEWSLETTER_ACTION = "newsletterAction";
    public static final String GECKO_ACTION = "geckoAction";

    private final Subjects subjects;
    private final ConsentLedger ledger;
    private final Suppressions suppressions;
    private final InboxStore inbox;
    private final ObjectMapper json;

    ConsentDecisions(Subjects subjects, ConsentLedger ledger, Suppressions suppressions, InboxStore inbox,
                     ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
        this.subjects = subjects;
        this.ledger = ledger;
        this.suppressions = suppressions;
    }

    public void fromGecko(Exchange exchange) {
        NewsletterDecision decision = decideGecko(exchange.getIn().getBody(ConsentReport.class),
                exchange.getProperty(InboxDispatch.EVENT_ID, String.class));
        exchange.setProperty(NEWSLETTER_ACTION, decision.action());
        exchange.getIn().setBody(decision.change());
    }

    /**
     * The decision behind one Gecko report, recorded in the ledger. Webhooks (through {@link #fromGecko}) and
     * reconciliation scans (no inbox event: {@code eventId} is {@code null}) decide alike.
     */
    public NewsletterDecision decideGecko(ConsentReport report, String eventId) {
        // looked up (or created) once, when one of the two decisions needs it
        Supplier<Subject> subjectOnce = new Supplier<>() {
            private Subject subject;

            @Override
            public Subject get() {
                if (subject == null) {
                    subject = subjects.forGeckoCustomer(report.geckoCustomerId(), report.email());
                }
                return subject;
            }
        };
        recordSms(report, eventId, subjectOnce);
        if (report.email() == null || report.newsletter() == null) {
            return NewsletterDecision.NONE;
        }
        boolean granted = report.newsletter();
        if (granted && suppressions.contains(report.email())) {
            return NewsletterDecision.NONE; // erased: Gecko's "yes" is the old record, not a new grant
        }
        Subject subject = subjectOnce.get();
        if (!ledger.recorded(eventId, Purpose.NEWSLETTER)) { // on a retry the decision stands; only its delivery is repeated
            Boolean previous = subject.geckoNewsletterFlag();
            if (previous != null && previous == granted) {
                return NewsletterDecision.NONE; // the same flag again: Gecko reported an unrelated change
            }
            if (previous == null && granted && ledger.current(subject.id(), Purpose.NEWSLETTER).isPresent()) {
                subjects.rememberGeckoFlag(subject.id(), granted);
                return NewsletterDecision.NONE; // first sight of a "yes" for someone with a history: we cannot tell it is a new decision
            }
            // the decision first: if the hub stops in between, the retry finds it and carries it out
            ledger.append(subject.id(), Purpose.NEWSLETTER, granted, Source.GECKO, report.occurredAt(), eventId);
            subjects.rememberGeckoFlag(subject.id(), granted);
        }
        if (!ledger.inForce(subject.id(), Purpose.NEWSLETTER, granted)) {
            return NewsletterDecision.NONE; // a newer decision from elsewhere stands
        }
        return toMailchimp(subject.id(), new ConsentChange("gecko", report.geckoCustomerId(), report.email(),
                report.firstName(), Purpose.NEWSLETTER, granted, report.occurredAt()));
    }

    /** A newsletter decision in force, as Mailchimp must hear it: a grant after a withdrawal re-subscribes. */
    private NewsletterDecision toMailchimp(String subjectId, ConsentChange change) {
        if (!change.granted()) {
            return new NewsletterDecision(NewsletterDecision.UNSUBSCRIBE, change, subjectId);
        } else if (ledger.withdrewBefore(subjectId, Purpose.NEWSLETTER, change.occurredAt())) {
            return new NewsletterDecision(NewsletterDecision.RESUBSCRIBE, change, subjectId);
        }
        return new NewsletterDecision(NewsletterDecision.SUBSCRIBE, change, subjectId);
    }

    /**
     * What Mailchimp must be told after a Gecko report: {@code action} is {@link #SUBSCRIBE}, {@link #RESUBSCRIBE},
     * {@link #UNSUBSCRIBE} (the actions of the consent-sync flow) or none (then {@code change} and {@code subjectId}
     * are {@code null}).
     */
    public record NewsletterDecision(String action, ConsentChange change, String subjectId) {

        public static final String SUBSCRIBE = "subscribe";
        public static final String RESUBSCRIBE = "resubscribe";
        public static final String UNSUBSCRIBE = "unsubscribe";

        static final NewsletterDecision NONE = new NewsletterDecision("none", null, null);
    }

    public void fromMailchimp(Exchange exchange) {
        ConsentReport report = exchange.getIn().getBody(ConsentReport.class);
        exchange.setProperty(GECKO_ACTION, "none");
        exchange.getIn().setBody(null);
        String eventId = exchange.getProperty(InboxDispatch.EVENT_ID, String.class);
        if (report.kind().equals("upemail")) {
            subjects.byEmail(report.email()).ifPresent(s -> {
                subjects.moveEmail(s.id(), report.newEmail());
                // events about the old address stay filed under it: an erasure must find them too
                subjects.rememberEarlierInboxKey(s.id(), inbox.subjectKey("mailchimp", report.email().toLowerCase(Locale.ROOT)));
            });
            return;
        }
        if (report.newsletter() == null) {
            return; // profile and campaign events carry no consent decision
        }
        if (report.newsletter()) {
            suppressions.lift(report.email()); // the person signed up again themselves
        }
        Subject subject = subjects.forEmail(report.email());
        if (!ledger.recorded(eventId, Purpose.NEWSLETTER)) {
            ledger.append(subject.id(), Purpose.NEWSLETTER, report.newsletter(), Source.MAILCHIMP, report.occurredAt(), eventId);
        }
        if (!report.newsletter() && !ledger.inForce(subject.id(), Purpose.NEWSLETTER, true) && subject.geckoCustomerId() != null) {
            exchange.getIn().setBody(new ConsentChange("mailchimp", subject.geckoCustomerId(), report.email(), null,
                    Purpose.NEWSLETTER, false, report.occurredAt()));
            exchange.setProperty(GECKO_ACTION, "withdrawal");
        }
    }

    /**
     * A decision staff recorded for a person ({@link AdminConsentDecision}, from {@code POST /admin/consent}): one
     * ledger decision per purpose, source {@code admin}, each carried out like any other. The body becomes the
     * {@link StaffDecision}s in force (a newer decision from elsewhere stands, as always); a retried event finds its
     * decisions recorded and only carries them out again.
     */
    public void fromAdmin(Exchange exchange) throws IOException {
        AdminConsentDecision decision = json.readValue(exchange.getIn().getBody(byte[].class), AdminConsentDecision.class);
        String eventId = exchange.getProperty(InboxDispatch.EVENT_ID, String.class);
        Subject subject = subjects.byId(decision.subjectId()).orElseThrow();
        List<StaffDecision> inForce = new ArrayList<>();
        for (Purpose purpose : decision.purposes()) {
            if (!ledger.recorded(eventId, purpose)) {
                ledger.append(subject.id(), purpose, decision.granted(), Source.ADMIN, decision.occurredAt(), eventId);
            }
            if (!ledger.inForce(subject.id(), purpose, decision.granted())) {
                continue;
            }
            ConsentChange change = new ConsentChange("admin", subject.geckoCustomerId(), subject.email(), null,
                    purpose, decision.granted(), decision.occurredAt());
            String newsletterAction = NewsletterDecision.NONE.action();
            if (purpose == Purpose.NEWSLETTER && subject.email() != null) {
                if (decision.granted()) {
                    suppressions.lift(subject.email()); // the person's own new grant, given to staff
                }
                newsletterAction = toMailchimp(subject.id(), change).action();
            }
            inForce.add(new StaffDecision(purpose, newsletterAction, change));
        }
        exchange.getIn().setBody(inForce);
    }

    /**
     * One purpose of a staff decision to carry out: {@code newsletterAction} for Mailchimp (none when the hub knows no
     * address, or for the other purposes), and the change for Gecko (its flag, when the person is a Gecko customer).
     */
    public record StaffDecision(Purpose purpose, String newsletterAction, ConsentChange change) {
    }

    /** SMS consent is recorded, never sent to a vendor: a change of Gecko's flag is a decision in the ledger. */
    private void recordSms(ConsentReport report, String eventId, Supplier<Subject> subjectOnce) {
        if (report.sms() == null || report.geckoCustomerId() == null || ledger.recorded(eventId, Purpose.SMS)) {
            return;
        }
        Subject subject = subjectOnce.get();
        // Gecko's own last flag, as for the newsletter: a staff decision since then is not undone by the same flag again
        boolean changed = ledger.latestFrom(subject.id(), Purpose.SMS, Source.GECKO)
                .map(e -> e.granted() != report.sms())
                // first sight of a "yes" for someone with a history: we cannot tell it is a new decision
                .orElseGet(() -> !report.sms() || ledger.current(subject.id(), Purpose.SMS).isEmpty());
        if (changed) {
            ledger.append(subject.id(), Purpose.SMS, report.sms(), Source.GECKO, report.occurredAt(), eventId);
        }
    }
}
