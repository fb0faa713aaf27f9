package dk.consenthub.erasure;

import dk.consenthub.consent.Subjects;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.failed.FailedMessageStore;
import dk.consenthub.inbox.InboxStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hub's own part of an erasure: the subject loses every identifier (its consent history stays, pseudonymous),
 * the inbox and failed payloads about them are purged, and the address goes on the suppression list.
 */
@Component("hubErasure")
class HubErasure implements ErasureTarget {

    static final String NAME = "hub";

    private final Subjects subjects;
    private final Suppressions suppressions;
    private final InboxStore inbox;
    private final FailedMessageStore failedMessages;

    HubErasure(Subjects subjects, Suppressions suppressions, InboxStore inbox, FailedMessageStore failedMessages) {
        this.subjects = subjects;
        this.suppressions = suppressions;
        this.inbox = inbox;
        this.failedMessages = failedMessages;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> scopes(ErasureSubject subject) {
        return List.of("own-data");
    }

    @Override
    public String notApplicable() {
        return "never: the hub always erases its own data";
    }

    @Transactional
    public TaskOutcome erase(@ExchangeProperty(ErasureQueue.WORK) ErasureWork work) {
        ErasureSubject subject = work.subject();
        List<String> events = new ArrayList<>();
        if (subject.geckoCustomerId() != null) {
            events.addAll(inbox.purgeSubject("gecko", subject.geckoCustomerId()));
        }
        if (subject.email() != null) {
            events.addAll(inbox.purgeSubject("mailchimp", subject.email().trim().toLowerCase(Locale.ROOT)));
            suppressions.add(subject.email(), work.caseId());
        }
        subjects.earlierInboxKeys(subject.subjectId()).forEach(key -> events.addAll(inbox.purgeSubjectKey(key)));
        int failed = failedMessages.purgeForEvents(events);
        subjects.erase(subject.subjectId());
        return TaskOutcome.done(null, "identifiers removed, consent history kept pseudonymous; " + events.size()
                + " inbox event(s) and " + failed + " failed message(s) purged"
                + (subject.email() == null ? "" : "; address on the suppression list (keyed hash)"));
    }
}
