package dk.consenthub.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIdentityProvider;
import dk.consenthub.support.TestIds;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubIntegrationTest
class AuditIntegrationTests {

    static final String OPERATOR = Hub.ADMIN;
    static final String VIEWER = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
    static final String PREVIEW = "/admin/egress/preview?destination=mailchimp";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    JsonNode audit(String query) throws Exception {
        HttpResponse<String> response = hub.get("/admin/audit?" + query, "Authorization", VIEWER);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The newest row of an actor and action. */
    JsonNode newest(String actor, String action) throws Exception {
        JsonNode items = audit("size=1&actor=" + actor + "&action=" + URLEncoder.encode(action, StandardCharsets.UTF_8))
                .path("items");
        assertThat(items).as("audit rows of %s %s", actor, action).hasSize(1);
        return items.get(0);
    }

    @Nested
    class Actions {

        @Test
        void anOperatorsPreviewIsAuditedWithItsIdsAndOnlyThatAnEmailWasGiven() throws Exception {
            HttpResponse<String> response = hub.postJson(PREVIEW, """
                    {"CUSTOMERID":"6000201","CUSTOMEREMAIL":"audit6000201@example.dk","CUSTOMERACCEPTSMARKETINGEMAIL":"ja",
                     "geckoCustomerId":"6000201","ids":["6000202","6000203"],"runId":"run-6000201",
                     "group":"mailchimp|HTTP_503|consent-sync","all":false}""", "Authorization", OPERATOR);
            assertThat(response.statusCode()).isEqualTo(200);

            JsonNode row = newest("admin", "POST /admin/egress/preview");
            assertThat(row.path("outcome").asInt()).isEqualTo(200);
            assertThat(row.path("ids").path("geckoCustomerId").asText()).isEqualTo("6000201");
            assertThat(row.path("ids").path("ids").asText()).isEqualTo("6000202,6000203");
            assertThat(row.path("ids").path("runId").asText()).isEqualTo("run-6000201");
            assertThat(row.path("ids").path("group").asText()).isEqualTo("mailchimp|HTTP_503|consent-sync");
            assertThat(row.path("ids").path("all").asText()).isEqualTo("false");
            assertThat(row.path("ids").path("email").asText()).isEqualTo("given");
            assertThat(row.toString()).doesNotContain("audit6000201").doesNotContain("@");
        }

        @Test
        void aRefusedActionIsAuditedWithItsStatus() throws Exception {
            hub.postJson(PREVIEW, "{\"CUSTOMERID\":\"6000204\",\"CUSTOMEREMAIL\":\"jens0503721234@gmail.com\"}",
                    "Authorization", OPERATOR);

            JsonNode row = newest("admin", "POST /admin/egress/preview");
            assertThat(row.path("outcome").asInt()).isEqualTo(422);
            assertThat(row.toString()).doesNotContain("0503721234").doesNotContain("jens");
        }

        @Test
        void aRefusedReconcileStartIsAuditedWithItsPattern() throws Exception {
            // an unknown mode is refused before a run starts, so no other test meets a running reconcile
            assertThat(hub.postJson("/admin/reconcile?mode=sometimes", "{}", "Authorization", OPERATOR).statusCode())
                    .isEqualTo(400);

            JsonNode row = newest("admin", "POST /admin/reconcile");
            assertThat(row.path("action").asText()).isEqualTo("POST /admin/reconcile");
            assertThat(row.path("outcome").asInt()).isEqualTo(400);
        }

        @Test
        void aFailedMessageSelectionIsAuditedWithTheSelection() throws Exception {
            // an unknown id is refused (400) without touching the store; the attempt is audited all the same
            hub.postJson("/admin/failed-messages/archive", "{\"ids\":[\"fm-6000230\"]}", "Authorization", OPERATOR);

            JsonNode row = newest("admin", "POST /admin/failed-messages/archive");
            assertThat(row.path("ids").path("ids").asText()).isEqualTo("fm-6000230");
            assertThat(row.path("outcome").asInt()).isEqualTo(400);
        }

        @Test
        void identifiersInThePathAreRecordedAsIds() throws Exception {
            hub.postJson("/admin/nothing-here/6000205/archive", "{}", "Authorization", OPERATOR);

            JsonNode row = newest("admin", "/admin/nothing-here/");
            assertThat(row.path("action").asText()).isEqualTo("POST /admin/nothing-here/{id}/archive");
            assertThat(row.path("ids").path("id").asText()).isEqualTo("6000205");
            assertThat(row.path("outcome").asInt()).isEqualTo(404);
        }

        @Test
        void aViewerRefusedAChangeIsAuditedAs403() throws Exception {
            assertThat(hub.postJson("/admin/reconcile?mode=full", "{}", "Authorization", VIEWER).statusCode())
                    .isEqualTo(403);

            JsonNode row = newest(HubIntegrationTest.VIEWER, "POST /admin/reconcile");
            assertThat(row.path("outcome").asInt()).isEqualTo(403);
        }

        @Test
        void aTokenUserIsNamedByTheConfiguredClaim() throws Exception {
            String token = TestIdentityProvider.token("olga6000206", List.of("consent-hub-operator"));
            hub.postJson(PREVIEW, "{\"CUSTOMERID\":\"6000206\",\"CUSTOMEREMAIL\":\"t6000206@example.dk\"}",
                    "Authorization", "Bearer " + token);

            assertThat(newest("olga6000206", "POST /admin/egress/preview").path("outcome").asInt()).isEqualTo(200);
        }

        @Test
        void readsOfNothingPersonalAreNotAudited() throws Exception {
            long before = audit("size=1").path("total").asLong();
            hub.get("/admin/failed-messages/groups", "Authorization", OPERATOR);
            hub.get("/admin/audit", "Authorization", OPERATOR);
            hub.get("/admin/erasures", "Authorization", OPERATOR);

            assertThat(audit("size=1").path("total").asLong()).isEqualTo(before);
        }
    }

    @Nested
    class PersonalDataReads {

        @Test
        void aReceiptReadIsAuditedWithItsCaseIdAndNothingOfThePerson() throws Exception {
            String customerId = TestIds.customerId();
            String email = TestIds.email("receipt");
            HttpResponse<String> requested = hub.postJson("/admin/erasures", """
                    {"geckoCustomerId":"%s","email":"%s","reason":"subject-request"}""".formatted(customerId, email),
                    "Authorization", OPERATOR);
            assertThat(requested.statusCode()).as(requested.body()).isIn(200, 202);
            String caseId = json.readTree(requested.body()).path("caseId").asText();

            assertThat(hub.get("/admin/erasures/" + caseId, "Authorization", VIEWER).statusCode()).isEqualTo(200);

            JsonNode row = newest(HubIntegrationTest.VIEWER, "GET /admin/erasures/{id}");
            assertThat(row.path("action").asText()).isEqualTo("GET /admin/erasures/{id}");
            assertThat(row.path("ids").path("id").asText()).isEqualTo(caseId);
            assertThat(row.path("outcome").asInt()).isEqualTo(200);
            assertThat(row.path("clientAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(row.toString()).doesNotContain(customerId).doesNotContain(email).doesNotContain("@");
        }

        @Test
        void aLookForAReceiptThatDoesNotExistIsAuditedToo() throws Exception {
            String caseId = UUID.randomUUID().toString();
            assertThat(hub.get("/admin/erasures/" + caseId, "Authorization", VIEWER).statusCode()).isEqualTo(404);

            JsonNode row = newest(HubIntegrationTest.VIEWER, "GET /admin/erasures/{id}");
            assertThat(row.path("ids").path("id").asText()).isEqualTo(caseId);
            assertThat(row.path("outcome").asInt()).isEqualTo(404);
        }

        @Test
        void aReadNoHandlerServesIsAnsweredOnceAndNotAudited() throws Exception {
            long before = audit("size=1").path("total").asLong();

            HttpResponse<String> response = hub.get("/admin/reconcile", "Authorization", VIEWER);

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(405);
            assertThat(audit("size=1").path("total").asLong()).isEqualTo(before);
        }

        @Test
        void aFailedMessageIsAuditedInTheApiAndOnThePage() throws Exception {
            hub.get("/admin/failed-messages/fm-6000240", "Authorization", VIEWER);
            JsonNode api = newest(HubIntegrationTest.VIEWER, "GET /admin/failed-messages/{id}");
            assertThat(api.path("ids").path("id").asText()).isEqualTo("fm-6000240");

            hub.get("/admin/failures/messages/fm-6000241", "Authorization", VIEWER, "Accept", "text/html");
            JsonNode page = newest(HubIntegrationTest.VIEWER, "GET /admin/failures/messages/{id}");
            assertThat(page.path("ids").path("id").asText()).isEqualTo("fm-6000241");
        }

        @Test
        void theStaffTasksAreAuditedOnEachRead() throws Exception {
            String query = "size=1&actor=" + HubIntegrationTest.VIEWER + "&action="
                    + URLEncoder.encode("GET /admin/consent/staff-tasks", StandardCharsets.UTF_8);
            long before = audit(query).path("total").asLong();

            assertThat(hub.get("/admin/consent/staff-tasks", "Authorization", VIEWER).statusCode()).isEqualTo(200);

            assertThat(audit(query).path("total").asLong()).isEqualTo(before + 1);
            assertThat(newest(HubIntegrationTest.VIEWER, "GET /admin/consent/staff-tasks").path("outcome").asInt())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Logins {

        @Test
        void aWrongPasswordOfAKnownUserNamesTheUser() throws Exception {
            hub.get("/admin/audit", "Authorization", HubClient.basic(HubIntegrationTest.VIEWER, "guess-6000207"));

            JsonNode row = newest(HubIntegrationTest.VIEWER, "LOGIN_FAILED");
            assertThat(row.path("outcome").asInt()).isEqualTo(401);
            assertThat(row.path("ids").path("via").asText()).isEqualTo("basic");
        }

        @Test
        void anUnknownUserNameIsNotWritten() throws Exception {
            long before = audit("actor=unknown&action=LOGIN_FAILED&size=1").path("total").asLong();
            hub.get("/admin/audit", "Authorization", HubClient.basic("anna6000208@example.dk", "x"));

            assertThat(audit("actor=unknown&action=LOGIN_FAILED&size=1").path("total").asLong()).isEqualTo(before + 1);
            assertThat(audit("size=500").toString()).doesNotContain("anna6000208");
        }

        @Test
        void aForgedTokenIsAFailedLoginWithoutTheToken() throws Exception {
            String token = TestIdentityProvider.forgedToken("mallory", List.of("consent-hub-operator"));
            hub.get("/admin/audit", "Authorization", "Bearer " + token);

            JsonNode row = newest("unknown", "LOGIN_FAILED");
            assertThat(row.path("ids").path("via").asText()).isEqualTo("bearer");
            assertThat(audit("size=500").toString()).doesNotContain(token.substring(0, 20));
        }
    }

    @Nested
    class Reading {

        @Test
        void isNewestFirstAndPaged() throws Exception {
            for (int i = 0; i < 3; i++) {
                hub.postJson("/admin/nothing-here/" + (6000210 + i) + "/archive", "{}", "Authorization", OPERATOR);
            }

            JsonNode first = audit("size=2&page=0&action=nothing-here");
            JsonNode second = audit("size=2&page=1&action=nothing-here");
            assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(first.path("items")).extracting(item -> item.path("ids").path("id").asText())
                    .containsExactly("6000212", "6000211");
            assertThat(second.path("items").get(0).path("ids").path("id").asText()).isEqualTo("6000210");
        }

        @Test
        void filtersByActor() throws Exception {
            hub.postJson("/admin/reconcile?mode=full", "{}", "Authorization", VIEWER);
            hub.postJson("/admin/nothing-here/6000219/archive", "{}", "Authorization", OPERATOR);
            List<String> actors = new ArrayList<>();
            audit("size=500&actor=" + HubIntegrationTest.VIEWER).path("items")
                    .forEach(item -> actors.add(item.path("actor").asText()));

            assertThat(actors).isNotEmpty().containsOnly(HubIntegrationTest.VIEWER);
        }

        @Test
        void neverHoldsAnEmailAddress() throws Exception {
            hub.postJson(PREVIEW, "{\"CUSTOMERID\":\"6000220\",\"CUSTOMEREMAIL\":\"p6000220@example.dk\",\"ids\":[\"p6000220@example.dk\"]}",
                    "Authorization", OPERATOR);

            assertThat(audit("size=500").toString()).doesNotContain("@");
        }

        @Test
        void isInTheApiDocumentAndThePagesAreNot() throws Exception {
            JsonNode paths = json.readTree(hub.get("/v3/api-docs", "Authorization", VIEWER).body()).path("paths");

            assertThat(paths.has("/admin/audit")).isTrue();
            assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/admin/failures")
                    || path.equals("/admin/login") || path.equals("/admin/activity") || path.equals("/admin"));
        }

        @Test
        void aBadPageSizeIsRefused() {
            assertThat(hub.get("/admin/audit?size=100000", "Authorization", VIEWER).statusCode()).isEqualTo(400);
        }
    }
}
