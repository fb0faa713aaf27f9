package dk.consenthub.admin;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubIntegrationTest
class EgressPreviewIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    HttpResponse<String> preview(String destination, String customer) {
        return hub.postJson("/admin/egress/preview?destination=" + destination, customer, "Authorization", ADMIN);
    }

    @Nested
    class Passed {

        @Test
        void aCleanTemplatePayloadShowsTheProjectedMailchimpRequest() throws Exception {
            HttpResponse<String> response = preview("mailchimp", """
                    {"CUSTOMERID":"41434","CUSTOMEREMAIL":"Mette.Hansen@Example.dk","CUSTOMERFIRSTNAME":"Mette",
                     "CUSTOMERACCEPTSMARKETINGEMAIL":"ja","CUSTOMERIMPORTANTNOTE":"Allergisk over for lidokain",
                     "CUSTOMERBIRTHDAY":"1990-01-01"}""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode preview = json.readTree(response.body());
            assertThat(preview.path("method").asText()).isEqualTo("PUT");
            assertThat(preview.path("url").asText()).endsWith("/3.0/lists/a1b2c3d4e5/members/"
                    + dk.consenthub.newsletter.MailchimpMembers.subscriberHash("mette.hansen@example.dk"));
            assertThat(preview.path("body").fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("email_address", "status_if_new", "merge_fields");
            assertThat(preview.path("headers").has("Authorization")).isFalse();
            assertThat(response.body()).doesNotContain("lidokain").doesNotContain("1990-01-01");
        }

        @Test
        void aRestShapedCustomerWorksToo() throws Exception {
            HttpResponse<String> response = preview("mailchimp", """
                    {"customerId":41588,"customerEmail":"lars@example.dk","customerFirstName":"Lars",
                     "customerAcceptsMarketingEmail":false,"customerNote":"cpr 2203851234 Botox"}""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode preview = json.readTree(response.body());
            assertThat(preview.path("method").asText()).isEqualTo("PATCH");
            assertThat(preview.path("body").path("status").asText()).isEqualTo("unsubscribed");
            assertThat(response.body()).doesNotContain("2203851234").doesNotContain("Botox");
        }

        @Test
        void aCprInTheFirstNameIsMasked() throws Exception {
            HttpResponse<String> response = preview("mailchimp", """
                    {"CUSTOMERID":"41864","CUSTOMEREMAIL":"bent@example.dk","CUSTOMERFIRSTNAME":"120478-1236",
                     "CUSTOMERACCEPTSMARKETINGEMAIL":"1"}""");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("body").path("merge_fields").path("FNAME").asText()).isEqualTo("[CPR]");
            assertThat(response.body()).doesNotContain("120478");
        }

        @Test
        void googleGetsTheNormalizedEmailOnly() throws Exception {
            HttpResponse<String> response = preview("google", """
                    {"CUSTOMERID":"1","CUSTOMEREMAIL":" Jens.Hansen@Gmail.com","CUSTOMERFIRSTNAME":"Jens"}""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode preview = json.readTree(response.body());
            assertThat(preview.path("url").asText()).endsWith("/v1alpha/properties/123456789:submitUserDeletion");
            assertThat(preview.path("body").toString()).isEqualTo("{\"userProvidedData\":\"jenshansen@gmail.com\"}");
        }

        @Test
        void geckoGetsTheConsentFlagOnly() throws Exception {
            HttpResponse<String> response = preview("gecko", """
                    {"CUSTOMERID":"41434","CUSTOMEREMAIL":"m@example.dk","CUSTOMERACCEPTSMARKETINGEMAIL":"nej",
                     "CUSTOMERIMPORTANTNOTE":"CPR 010190-1234"}""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode preview = json.readTree(response.body());
            assertThat(preview.path("method").asText()).isEqualTo("PATCH");
            assertThat(preview.path("url").asText()).endsWith("/api/v1/customer/41434");
            assertThat(preview.path("body").toString()).isEqualTo("{\"customerAcceptsMarketingEmail\":false}");
        }

        @Test
        void nothingIsSent() {
            int before = hub.mailchimp().getAllServeEvents().size();
            preview("mailchimp", "{\"CUSTOMERID\":\"9\",\"CUSTOMEREMAIL\":\"quiet@example.dk\",\"CUSTOMERACCEPTSMARKETINGEMAIL\":\"ja\"}");

            assertThat(hub.mailchimp().getAllServeEvents()).hasSize(before);
        }
    }

    @Nested
    class Blocked {

        @Test
        void aCprInTheEmailIs422WithTheReasonButNotTheValue() throws Exception {
            HttpResponse<String> response = preview("mailchimp", """
                    {"CUSTOMERID":"42815","CUSTOMEREMAIL":"jens0503721234@gmail.com","CUSTOMERACCEPTSMARKETINGEMAIL":"ja"}""");

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).path("reason").asText()).isEqualTo("CPR_IN_IDENTIFIER");
            assertThat(response.body()).doesNotContain("0503721234").doesNotContain("jens");
        }

        @Test
        void theSameHoldsForGoogle() {
            HttpResponse<String> response = preview("google", """
                    {"CUSTOMERID":"42815","CUSTOMEREMAIL":"jens0503721234@gmail.com"}""");

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).doesNotContain("0503721234");
        }
    }

    @Nested
    class Access {

        @Test
        void needsCredentials() {
            HttpResponse<String> response = hub.postJson("/admin/egress/preview?destination=mailchimp", "{}");

            assertThat(response.statusCode()).isEqualTo(401);
        }

        @Test
        void anUnknownDestinationIsABadRequestNamingIt() throws Exception {
            HttpResponse<String> response = preview("facebook", "{\"CUSTOMERID\":\"1\",\"CUSTOMEREMAIL\":\"a@b.dk\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field")).contains("destination");
        }
    }
}
