package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.system.SandboxServers;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ten thousand generated Gecko customers, CPR numbers and health text planted in random fields and forms, through
 * the real webhook, inbox, consent flow and egress guard to the Mailchimp sandbox. The journal is the judge.
 */
@HubIntegrationTest
class EgressGuardEndToEndIntegrationTests {

    static final int CUSTOMERS = 10_000;
    static final String[] SEPARATORS = {"-", "", " ", "\u00A0", "\u2013"};
    static final String[] PLANT_FIELDS = {"CUSTOMERFIRSTNAME", "CUSTOMERLASTNAME", "CUSTOMERNAME", "CUSTOMERIMPORTANTNOTE",
            "CUSTOMERNOTE", "CUSTOMERJOURNAL", "CUSTOMERMOBILE", "CUSTOMERTAGS", "CUSTOMEREMAIL", "CUSTOMERADDRESS"};
    static final String[] HEALTH = {"Diagnose: rosacea", "Allergisk over for lidokain", "Medicin: Roaccutan",
            "Botox 20 enheder pande", "Behandling: fillers i læber", "Journal: ar efter laser"};

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    SandboxServers sandbox;

    @Autowired
    JdbcClient jdbc;

    record Planted(String id, String email, boolean cprInEmail, String cprDigits, String healthMarker) {
    }

    @Test
    void noCprOrHealthTextReachesMailchimpAndCleanCustomersStillSync() throws Exception {
        Random random = new Random(20261126);
        List<Planted> planted = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Map<String, Object> customer = new LinkedHashMap<>();
            String id = String.valueOf(7_000_000 + i);
            String email = "kunde" + i + "@example.dk";
            String cpr = randomCpr(random);
            String formatted = cpr.substring(0, 6) + SEPARATORS[random.nextInt(SEPARATORS.length)] + cpr.substring(6);
            String health = HEALTH[random.nextInt(HEALTH.length)] + " #h" + i + "x";
            customer.put("CUSTOMERID", id);
            customer.put("CUSTOMERFIRSTNAME", "Kunde");
            customer.put("CUSTOMERLASTNAME", "Nummer" + i);
            customer.put("CUSTOMEREMAIL", email);
            customer.put("CUSTOMERACCEPTSMARKETINGEMAIL", random.nextBoolean() ? "ja" : "1");
            customer.put("CUSTOMERIMPORTANTNOTE", health);
            boolean cprInEmail = false;
            if (i % 10 != 0) { // every tenth customer is entirely clean
                String field = PLANT_FIELDS[random.nextInt(PLANT_FIELDS.length)];
                switch (field) {
                    case "CUSTOMEREMAIL" -> {
                        email = "kunde" + i + "x" + cpr + "@example.dk";
                        customer.put(field, email);
                        cprInEmail = true;
                    }
                    case "CUSTOMERTAGS" -> customer.put(field, List.of(Map.of("CUSTOMERTAGNAME", "cpr " + formatted)));
                    default -> customer.put(field, "Bemærk " + formatted + " " + health);
                }
            }
            planted.add(new Planted(id, email, cprInEmail, cpr, "#h" + i + "x"));
            bodies.add(json.writeValueAsString(customer));
        }

        HubClient hub = new HubClient(port);
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (String body : bodies) {
            statuses.add(senders.submit(() -> hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", body).statusCode()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(202);
        }
        senders.shutdown();
        long accepted = System.nanoTime();

        WireMockServer mailchimp = sandbox.server(SandboxServers.MAILCHIMP);
        Set<String> expectedPaths = new HashSet<>();
        for (Planted p : planted) {
            if (!p.cprInEmail()) {
                expectedPaths.add("/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(p.email()));
            }
        }
        // synced = Mailchimp accepted the upsert (a request that timed out on a busy machine is retried)
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() ->
                mailchimp.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200)
                        .map(e -> e.getRequest().getUrl()).filter(expectedPaths::contains).distinct().count()
                        >= expectedPaths.size());

        long synced = System.nanoTime();
        long blockedCustomers = planted.stream().filter(Planted::cprInEmail).count();
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.sql(
                "select count(*) from failed_message where error_type = 'EGRESS_BLOCKED' and inbox_event_id is not null")
                .query(Long.class).single() >= blockedCustomers);

        List<LoggedRequest> journal = Journal.requests(mailchimp);
        CprDetector detector = new CprDetector();
        Map<String, Integer> perPath = new HashMap<>();
        Set<String> plantedDigits = new HashSet<>();
        planted.forEach(p -> plantedDigits.add(p.cprDigits()));
        Pattern digits = Pattern.compile("\\d{6}\\D?\\d{4}");
        int cprTokens = 0;
        int healthValues = 0;
        for (LoggedRequest request : journal) {
            String everything = Journal.everything(request);
            if (detector.containsCpr(everything)) {
                cprTokens++;
            }
            Matcher m = digits.matcher(everything);
            while (m.find()) {
                if (plantedDigits.contains(m.group().replaceAll("\\D", ""))) {
                    cprTokens++;
                }
            }
            if (everything.contains("#h") || HEALTH_WORDS.matcher(everything).find()) {
                healthValues++;
            }
            perPath.merge(request.getUrl(), 1, Integer::sum);
        }
        System.out.printf("Egress end-to-end: %d customers, %d synced, %d blocked (CPR in e-mail), journal %d requests,"
                + " CPR tokens %d, health values %d; accepted in %d ms, all synced after %d ms%n", CUSTOMERS,
                expectedPaths.size(), blockedCustomers, journal.size(), cprTokens, healthValues,
                (accepted - started) / 1_000_000, (synced - started) / 1_000_000);

        assertThat(cprTokens).as("CPR-shaped tokens in the Mailchimp journal").isZero();
        assertThat(healthValues).as("health or deny-listed values in the Mailchimp journal").isZero();
        // every clean customer synced; delivery is at least once (a timeout on a busy machine may repeat an
        // idempotent PUT), which the figure below reports
        Map<String, Integer> upserted = new HashMap<>();
        mailchimp.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200)
                .forEach(e -> upserted.merge(e.getRequest().getUrl(), 1, Integer::sum));
        assertThat(expectedPaths).allSatisfy(path -> assertThat(upserted.get(path)).as(path).isPositive());
        System.out.printf("Egress end-to-end: %d clean customers upserted more than once%n",
                expectedPaths.stream().filter(path -> upserted.get(path) > 1).count());
        for (Planted p : planted) {
            if (p.cprInEmail()) {
                assertThat(perPath).doesNotContainKey("/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(p.email()));
            }
        }
        assertThat(blockedCustomers).isPositive();
    }

    static final Pattern HEALTH_WORDS = Pattern.compile("rosacea|lidokain|Roaccutan|Botox|fillers|laser|Diagnose|Medicin|Journal");

    /** A valid CPR: a real date under the century rule, any sequence (modulus 11 not required). */
    static String randomCpr(Random random) {
        LocalDate date = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(60 * 365));
        int year = date.getYear();
        int seventh = year < 2000 ? random.nextInt(4) : 4 + random.nextInt(2) * 5; // 0-3 for 1900s, 4 or 9 for 2000s
        if (year >= 2000) {
            seventh = random.nextBoolean() ? 4 : 9;
        }
        return String.format("%02d%02d%02d%d%03d", date.getDayOfMonth(), date.getMonthValue(), year % 100, seventh,
                random.nextInt(1000));
    }
}
