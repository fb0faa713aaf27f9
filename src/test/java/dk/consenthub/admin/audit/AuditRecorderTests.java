package dk.consenthub.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.CprDetector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/** What one admin request becomes in the audit log, written to a real (H2) audit table. */
class AuditRecorderTests {

    AuditLog log;
    AuditRecorder recorder;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:recorder-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        ObjectMapper json = new ObjectMapper();
        log = new AuditLog(JdbcClient.create(h2), json, Clock.systemUTC());
        recorder = new AuditRecorder(log, json, new CprDetector());
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("anne", "n/a", "ROLE_OPERATOR"));
    }

    @AfterEach
    void clearUser() {
        SecurityContextHolder.clearContext();
    }

    AuditLog.Entry recorded(MockHttpServletRequest request, int status) throws Exception {
        recorder.record(AuditedRequest.of(request), status);
        return log.page(null, null, 0, 1).items().get(0);
    }

    static MockHttpServletRequest json(String method, String uri, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void aMatchedHandlerGivesThePatternAndItsPathVariables() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/erasures/c-6000601/retry");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/admin/erasures/{id}/retry");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "c-6000601"));

        AuditLog.Entry entry = recorded(request, 202);

        assertThat(entry.actor()).isEqualTo("anne");
        assertThat(entry.action()).isEqualTo("POST /admin/erasures/{id}/retry");
        assertThat(entry.ids()).containsExactly(Map.entry("id", "c-6000601"));
        assertThat(entry.outcome()).isEqualTo(202);
    }

    @Test
    void theBodyStillReachesTheHandlerWhole() throws Exception {
        String body = "{\"ids\":[\"a\",\"b\"],\"note\":\"" + "x".repeat(100_000) + "\"}";
        var audited = AuditedRequest.of(json("POST", "/admin/failed-messages/replay", body));

        assertThat(new String(audited.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        // too large to keep for the audit: recorded without body ids rather than cut
        recorder.record(audited, 400);
        assertThat(log.page(null, null, 0, 1).items().get(0).ids()).isEmpty();
    }

    @Test
    void anEmailIsRecordedOnlyAsGivenWhereverItStands() throws Exception {
        AuditLog.Entry entry = recorded(json("POST", "/admin/erasures", """
                {"geckoCustomerId":"6000602","reason":"subject-request",
                 "contact":{"work":"anna@example.dk"},"ids":["6000603","anna@example.dk"]}"""), 202);

        assertThat(entry.ids()).containsEntry("geckoCustomerId", "6000602").containsEntry("ids", "6000603")
                .containsEntry("email", "given");
        assertThat(entry.toString()).doesNotContain("anna");
    }

    @Test
    void aCprNumberIsNeverAnId() throws Exception {
        AuditLog.Entry entry = recorded(json("POST", "/admin/failed-messages/archive",
                "{\"ids\":[\"010190-1234\",\"6000604\"],\"group\":\"cpr 0101901234\"}"), 200);

        assertThat(entry.ids()).containsExactly(Map.entry("ids", "6000604"));
    }

    @Test
    void aLongSelectionIsCountedNotListed() throws Exception {
        String ids = IntStream.range(0, 120).mapToObj(i -> "\"" + (6_000_700 + i) + "\"").collect(Collectors.joining(","));

        AuditLog.Entry entry = recorded(json("POST", "/admin/failed-messages/replay", "{\"ids\":[" + ids + "]}"), 202);

        assertThat(entry.ids().get("ids").split(",")).hasSize(50);
        assertThat(entry.ids()).containsEntry("idsCount", "120");
    }

    @Test
    void formFieldsCountLikeBodyFields() throws Exception {
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/admin/failures/replay");
        form.setContentType("application/x-www-form-urlencoded");
        form.addParameter("group", "mailchimp|HTTP_503|gecko.customer.updated");
        form.addParameter("ratePerSecond", "5");
        form.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/admin/failures/replay");

        AuditLog.Entry entry = recorded(form, 302);

        assertThat(entry.ids()).containsExactly(Map.entry("group", "mailchimp|HTTP_503|gecko.customer.updated"));
    }

    @Test
    void withoutAUserTheActorIsAnonymous() throws Exception {
        SecurityContextHolder.clearContext();

        assertThat(recorded(json("POST", "/admin/reconcile", "{}"), 401).actor()).isEqualTo("anonymous");
    }
}
