package dk.consenthub.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.Subjects.Subject;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.inbox.NewInboxEvent;
import dk.consenthub.system.RejectedRequestException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Takes a consent decision staff record for a person (by Gecko customer id and/or e-mail) into the inbox, like a
 * webhook: stored durably (encrypted), then decided and carried out by the {@code consent-sync-from-admin} flow, with
 * the inbox's retries, failed messages and replay. The event is filed under a key the subject remembers, so an
 * erasure of the person purges it too.
 */
@Component
public class AdminConsentRequests {

    static final String SOURCE = "admin";

    private final Subjects subjects;
    private final InboxStore inbox;
    private final ObjectMapper json;
    private final Clock clock;

    AdminConsentRequests(Subjects subjects, InboxStore inbox, ObjectMapper json, Clock clock) {
        this.subjects = subjects;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores the decision; returns the inbox event id. Refuses (409) an address the hub holds for someone else than
     * the named customer, or a customer the hub knows by another address: staff may have the wrong person.
     */
    public String request(String customerId, String email, List<Purpose> purposes, boolean granted) {
        Subject subject = subject(customerId, email);
        AdminConsentDecision decision = new AdminConsentDecision(subject.id(), List.copyOf(purposes), granted,
                clock.instant());
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a consent decision is not serializable", e);
        }
        subjects.rememberEarlierInboxKey(subject.id(), inbox.subjectKey(SOURCE, subject.id()));
        return inbox.store(new NewInboxEvent(SOURCE, AdminConsentDecision.TYPE, subject.id(), payload,
                NewInboxEvent.Dedup.SAME_CONTENT)).eventId();
    }

    private Subject subject(String customerId, String email) {
        if (customerId == null) {
            return subjects.forEmail(email);
        }
        if (email != null) {
            Optional<Subject> customer = subjects.byGeckoCustomer(customerId);
            Optional<Subject> address = subjects.byEmail(email);
            boolean otherAddress = customer.map(Subject::email).filter(known -> !known.equalsIgnoreCase(email.trim()))
                    .isPresent();
            boolean otherPerson = address.filter(s -> s.geckoCustomerId() != null
                    && !s.geckoCustomerId().equals(customerId)).isPresent();
            if (otherAddress || otherPerson) {
                throw RejectedRequestException.conflict(
                        "The hub knows this customer by another e-mail address, or this address by another customer.");
            }
        }
        return subjects.forGeckoCustomer(customerId, email);
    }
}
