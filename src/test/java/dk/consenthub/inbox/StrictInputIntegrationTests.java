package dk.consenthub.inbox;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import dk.consenthub.support.TestWebhooks;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input is refused as it is, never repaired into something else and passed on: bytes that are not UTF-8,
 * control and invisible characters in identifiers and addresses, and identifiers shaped like a CPR number. Each
 * refusal is a 4xx naming the field, stores nothing and sends nothing.
 */
@HubIntegrationTest
class StrictInputIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    int outbound() {
        return Journal.requests(hub.mailchimp()).size() + Journal.requests(hub.google()).size();
    }

    /** Sends {@code body} and checks the answer: the status, a problem naming {@code field}, nothing kept or sent. */
    JsonNode refused(String path, String contentType, byte[] body, int status, String field, String... headers)
            throws Exception {
        long inbox = rows("inbox_event");
        long subjects = rows("subject");
        long cases = rows("erasure_case");
        int sent = outbound();
        HttpResponse<String> response = hub.post(path, contentType, body, headers);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        assertThat(rows("inbox_event")).isEqualTo(inbox);
        assertThat(rows("subject")).isEqualTo(subjects);
        assertThat(rows("erasure_case")).isEqualTo(cases);
        assertThat(outbound()).isEqualTo(sent);
        return problem;
    }

    static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void aGeckoBodyThatIsNotUtf8IsRefusedNamingTheBody() throws Exception {
        byte[] body = bytes("{\"CUSTOMERID\":\"" + TestIds.customerId() + "\",\"CUSTOMEREMAIL\":\"",
                new byte[] {(byte) 0xff, (byte) 0xfe}, "@b.dk\",\"CUSTOMERACCEPTSMARKETINGEMAIL\":\"1\"}");
        JsonNode problem = refused(TestWebhooks.GECKO_HOOK, "application/json", body, 400, "body");
        assertThat(problem.path("detail").asText()).contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "e282", "f8888080af"}) // overlong '/', a surrogate, truncated, 5 bytes
    void everyKindOfMalformedUtf8IsRefused(String hex) throws Exception {
        byte[] raw = java.util.HexFormat.of().parseHex(hex);
        byte[] body = bytes("{\"CUSTOMERID\":\"" + TestIds.customerId() + "\",\"CUSTOMERFIRSTNAME\":\"", raw, "\"}");
        refused(TestWebhooks.GECKO_HOOK, "application/json", body, 400, "body");
    }

    @Test
    void aMailchimpFormWhoseEscapesAreNotUtf8IsRefused() throws Exception {
        String form = "type=unsubscribe&fired_at=2026-12-01+10%3A00%3A00&data%5Bemail%5D=%FF%FE%40b.dk";
        refused(TestWebhooks.MAILCHIMP_HOOK, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.US_ASCII), 400, "data[email]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0001anna@example.dk", "anna\\u0000@example.dk", "anna@exam\\u200bple.dk",
            "anna@example.dk\\u0007", "\\ufffd\\ufffd@b.dk", "anna\\u00ad@example.dk", "\\ufeffanna@example.dk"})
    void controlAndInvisibleCharactersInAnAddressAreRefused(String escaped) throws Exception {
        String body = "{\"CUSTOMERID\":\"" + TestIds.customerId() + "\",\"CUSTOMEREMAIL\":\"" + escaped
                + "\",\"CUSTOMERACCEPTSMARKETINGEMAIL\":\"1\"}";
        refused(TestWebhooks.GECKO_HOOK, "application/json", body.getBytes(StandardCharsets.UTF_8), 400, "CUSTOMEREMAIL");
    }

    @Test
    void controlCharactersInAMailchimpAddressAreRefused() throws Exception {
        String form = "type=unsubscribe&fired_at=2026-12-01+10%3A00%3A00&data%5Bemail%5D=anna%01%40example.dk";
        refused(TestWebhooks.MAILCHIMP_HOOK, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.US_ASCII), 400, "data[email]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0001" + "42", "42\\u0000", "4\\u200b2"})
    void controlCharactersInACustomerIdAreRefused(String escaped) throws Exception {
        String body = "{\"CUSTOMERID\":\"" + escaped + "\",\"CUSTOMEREMAIL\":\"anna@example.dk\"}";
        refused(TestWebhooks.GECKO_HOOK, "application/json", body.getBytes(StandardCharsets.UTF_8), 400, "CUSTOMERID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0101901234", "010190-1234", "290200-4321"})
    void aCprShapedCustomerIdIsRefusedAndNeverEchoed(String customerId) throws Exception {
        String body = "{\"CUSTOMERID\":\"" + customerId + "\",\"CUSTOMEREMAIL\":\"cpr.id." + TestIds.customerId()
                + "@example.dk\",\"CUSTOMERACCEPTSMARKETINGEMAIL\":\"1\"}";
        JsonNode problem = refused(TestWebhooks.GECKO_HOOK, "application/json", body.getBytes(StandardCharsets.UTF_8),
                400, "CUSTOMERID");
        assertThat(problem.toString()).doesNotContain(customerId).doesNotContain(customerId.replace("-", ""));
        assertThat(jdbc.sql("select count(*) from subject where gecko_customer_id = :id").param("id", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAdminErasureForACprShapedCustomerIdIsRefusedAndNotAudited() throws Exception {
        String cpr = "020292-2222";
        String body = "{\"geckoCustomerId\":\"" + cpr + "\",\"reason\":\"consent-withdrawn\"}";
        long audited = rows("admin_audit");
        JsonNode problem = refused("/admin/erasures", "application/json", body.getBytes(StandardCharsets.UTF_8), 400,
                "geckoCustomerId", "Authorization", ADMIN);
        assertThat(problem.toString()).doesNotContain(cpr).doesNotContain("0202922222");
        assertThat(rows("admin_audit")).isEqualTo(audited + 1); // the refusal is audited, without the id
        assertThat(jdbc.sql("select target_ids from admin_audit order by id desc limit 1").query(String.class).single())
                .doesNotContain("0202922222").doesNotContain("020292");
    }

    @Test
    void anAdminBodyThatIsNotUtf8IsRefusedNamingTheBody() throws Exception {
        byte[] body = bytes("{\"email\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "@b.dk\",\"reason\":\"consent-withdrawn\"}");
        refused("/admin/erasures", "application/json", body, 400, "body", "Authorization", ADMIN);
    }

    @Test
    void anAdminErasureForAnAddressWithControlCharactersIsRefused() throws Exception {
        String body = "{\"email\":\"\\u0001anna@example.dk\",\"reason\":\"consent-withdrawn\"}";
        refused("/admin/erasures", "application/json", body.getBytes(StandardCharsets.UTF_8), 400, "email",
                "Authorization", ADMIN);
    }
}
