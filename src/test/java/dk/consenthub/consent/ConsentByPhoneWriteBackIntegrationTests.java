package dk.consenthub.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.NewsletterJournal;
import dk.consenthub.support.PhoneDecisions;
import dk.consenthub.support.PhoneDecisions.Person;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** With hub.booking.write-back on, a decision told to staff is written onto the Gecko flag of its purpose, and only that. */
@HubIntegrationTest
@TestPropertySource(properties = "hub.booking.write-back=true")
class ConsentByPhoneWriteBackIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    StaffTasks staffTasks;

    PhoneDecisions phone;

    @BeforeEach
    void setUp() {
        phone = new PhoneDecisions(hub, json, inbox);
        // the sandbox answers only its own customers; these tests' customers are new
        hub.gecko().stubFor(patch(urlPathMatching("/api/v1/customer/[0-9]+")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    List<String> geckoWrites(Person person) {
        return Journal.requests(hub.gecko(), Journal.to("PATCH", "/api/v1/customer/" + person.customerId())).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    @Test
    void aNewsletterWithdrawalUnticksTheNewsletterFlagOnly() throws Exception {
        Person person = phone.geckoCustomer();

        phone.decide(person, "withdraw", "NEWSLETTER");

        assertThat(NewsletterJournal.statusesSent(hub, person.email())).containsExactly("PUT subscribed", "PATCH unsubscribed");
        assertThat(geckoWrites(person)).containsExactly("{\"customerAcceptsMarketingEmail\":false}");
        assertThat(staffTasks.open()).noneMatch(task -> person.customerId().equals(task.geckoCustomerId()));
    }

    @Test
    void anSmsWithdrawalUnticksTheSmsFlagAndLeavesMailchimpAlone() throws Exception {
        Person person = phone.geckoCustomer();

        phone.decide(person, "withdraw", "SMS");

        assertThat(geckoWrites(person)).containsExactly("{\"customerAcceptsMarketingSms\":false}");
        assertThat(NewsletterJournal.statusesSent(hub, person.email())).containsExactly("PUT subscribed");
        assertThat(Journal.requests(hub.gecko(), r -> r.getUrl().contains(person.customerId())))
                .allSatisfy(r -> assertThat(Journal.everything(r)).doesNotContain("rosacea").doesNotContain("@"));
    }
}
