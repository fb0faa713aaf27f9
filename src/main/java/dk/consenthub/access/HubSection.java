package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.consenthub.consent.ConsentLedger;
import dk.consenthub.consent.Purpose;
import dk.consenthub.consent.Subjects;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.erasure.ErasureCases;
import dk.consenthub.failed.FailedMessageStore;
import dk.consenthub.inbox.InboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The hub's own part of a report: the consent ledger per purpose, the person's erasure cases, whether their address
 * is on the suppression list, and the failed messages about them (ids, status and times; never a payload).
 */
@Component("accessHub")
class HubSection {

    private final ConsentLedger ledger;
    private final Subjects subjects;
    private final Suppressions suppressions;
    private final ErasureCases erasures;
    private final InboxStore inbox;
    private final FailedMessageStore failed;
    private final ObjectMapper json;

    HubSection(ConsentLedger ledger, Subjects subjects, Suppressions suppressions, ErasureCases erasures,
               InboxStore inbox, FailedMessageStore failed, ObjectMapper json) {
        this.ledger = ledger;
        this.subjects = subjects;
        this.suppressions = suppressions;
        this.erasures = erasures;
        this.inbox = inbox;
        this.failed = failed;
        this.json = json;
    }

    public JsonNode section(@ExchangeProperty(AccessQueue.WORK) AccessWork work) {
        AccessSubject subject = work.subject();
        ObjectNode section = json.createObjectNode();
        section.put("known", subject.subjectId() != null);
        ObjectNode consents = section.putObject("consents");
        for (Purpose purpose : Purpose.values()) {
            List<ConsentLedger.Entry> history = subject.subjectId() == null ? List.of()
                    : ledger.history(subject.subjectId(), purpose, 1000);
            consents.set(purpose.name().toLowerCase(Locale.ROOT), json.valueToTree(history.stream()
                    .map(e -> new Decision(e.granted(), e.source().name().toLowerCase(Locale.ROOT), e.occurredAt(),
                            e.receivedAt())).toList()));
        }
        section.set("erasures", json.valueToTree(subject.subjectId() == null ? List.of()
                : erasures.ofSubject(subject.subjectId()).stream().map(c -> new Erasure(c.id(), c.status(),
                        c.reason(), c.requestedAt(), c.completedAt())).toList()));
        section.put("suppressedSince", subject.email() == null ? null
                : suppressions.suppressedAt(subject.email()).map(Object::toString).orElse(null));
        section.set("failedMessages", json.valueToTree(failed.forEvents(eventsAbout(subject))));
        return section;
    }

    record Decision(boolean granted, String source, Instant occurredAt, Instant receivedAt) {
    }

    record Erasure(String caseId, String status, String reason, Instant requestedAt, Instant completedAt) {
    }

    /** The inbox events filed under the person: by Gecko customer, by address, and under earlier keys. */
    private List<String> eventsAbout(AccessSubject subject) {
        Set<String> keys = new LinkedHashSet<>();
        if (subject.geckoCustomerId() != null) {
            keys.add(inbox.subjectKey("gecko", subject.geckoCustomerId()));
        }
        if (subject.email() != null) {
            keys.add(inbox.subjectKey("mailchimp", subject.email().trim().toLowerCase(Locale.ROOT)));
        }
        if (subject.subjectId() != null) {
            keys.addAll(subjects.earlierInboxKeys(subject.subjectId()));
        }
        List<String> events = new ArrayList<>();
        keys.forEach(key -> events.addAll(inbox.eventIds(key)));
        return events;
    }
}
