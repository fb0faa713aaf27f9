package dk.consenthub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Consent decisions staff record when a person phones the clinic ({@code POST /admin/consent}), and the Gecko
 * customers they are about. Each decision is awaited until the hub has carried it out.
 */
public final class PhoneDecisions {

    /** Free text staff may add; it names a treatment, so it must never be stored, logged or sent. */
    public static final String NOTE = "Ringede 9:14, nævnte sin behandling for rosacea";

    private final Hub hub;
    private final ObjectMapper json;
    private final InboxStore inbox;

    public PhoneDecisions(Hub hub, ObjectMapper json, InboxStore inbox) {
        this.hub = hub;
        this.json = json;
        this.inbox = inbox;
    }

    public record Person(String customerId, String email) {
    }

    public static Person newPerson() {
        return new Person(TestIds.customerId(), TestIds.email("phone"));
    }

    /** A Gecko customer who accepts the newsletter and SMS, as Gecko reports them (the newsletter is subscribed). */
    public Person geckoCustomer() throws Exception {
        Person person = newPerson();
        gecko(person, "ja", "+45 20 30 40 50");
        assertThat(NewsletterJournal.statusesSent(hub, person.email())).containsExactly("PUT subscribed");
        return person;
    }

    /** Gecko's webhook for the customer: {@code accepts} is both the newsletter and the SMS flag. */
    public void gecko(Person person, String accepts, String mobile) throws Exception {
        Map<String, Object> payload = GeckoPayloads.customer(person.customerId(), person.email(), accepts);
        payload.put("CUSTOMERACCEPTSMARKETINGSMS", accepts);
        payload.put("CUSTOMERMOBILE", mobile);
        hub.webhooks().gecko(payload);
    }

    public HttpResponse<String> post(String body, String authorization) {
        return hub.postJson("/admin/consent", body, "Authorization", authorization);
    }

    /** The sandbox admin records {@code decision} (grant, withdraw) of the purposes, with a note. */
    public void decide(Person person, String decision, String... purposes) throws Exception {
        String body = json.writeValueAsString(Map.of("geckoCustomerId", person.customerId(), "email", person.email(),
                "purposes", List.of(purposes), "decision", decision, "note", NOTE));
        HttpResponse<String> response = post(body, Hub.ADMIN);
        assertThat(response.statusCode()).isEqualTo(202);
        carriedOut(response);
    }

    /** The accepted decision's inbox event went through its flow without a failure. */
    public void carriedOut(HttpResponse<String> accepted) throws Exception {
        String eventId = json.readTree(accepted.body()).path("eventId").asText();
        hub.webhooks().settled(eventId);
        assertThat(inbox.status(eventId)).contains(InboxStore.Status.DONE);
    }
}
