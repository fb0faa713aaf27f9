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
import dk.consenthub.support.NewsletterJournal;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ten thousand generated Gecko customers, CPR numbers and health text planted in random fields and forms, through
 * the real webhook, inbox, consent flow and egress guard to the Mailchimp sandbox. The journal is the judge.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EgressGuardEndToEndIntegrationTests {

    static final int CUSTOMERS = 10_000;
    /** Between the date and the serial: what people type, and what word processors and web pages make of it. */
    static final String[] SEPARATORS = {"-", "", " ", "\u00A0", "\u2013", "\u2212", "/", "_", ".", " - ", "\u200B",
            "\u00AD", "-\u200B", "\u202F"};
    /** Between the date parts, when the date is written with separators. */
    static final String[] DATE_SEPARATORS = {" ", "-", ".", "/", "\u00A0"};
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
    void noCprOrHealthTextReachesMailchimpAndCleanCustomersStillSync(CapturedOutput output) throws Exception {
        Random random = new Random(20261126);
        List<Planted> planted = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Map<String, Object> customer = new LinkedHashMap<>();
            String id = String.valueOf(7_000_000 + i);
            String email = "kunde" + i + "@example.dk";
            String cpr = randomCpr(random);
            String formatted = written(cpr, random);
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
                        email = "kunde" + i + "x" + writtenInAnAddress(cpr, random) + "@example.dk";
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
        Set<String> expected = new HashSet<>();
        for (Planted p : planted) {
            if (!p.cprInEmail()) {
                expected.add(MailchimpMembers.subscriberHash(p.email()));
            }
        }
        // synced = Mailchimp accepted the member, alone (PUT) or in a batch (a backlog is written in batches)
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() ->
                NewsletterJournal.membersWritten(mailchimp).keySet().containsAll(expected));

        long synced = System.nanoTime();
        long blockedCustomers = planted.stream().filter(Planted::cprInEmail).count();
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.sql(
                "select count(*) from failed_message where error_type = 'EGRESS_BLOCKED' and inbox_event_id is not null")
                .query(Long.class).single() >= blockedCustomers);

        List<LoggedRequest> journal = new ArrayList<>(Journal.requests(mailchimp));
        journal.addAll(Journal.requests(sandbox.server(SandboxServers.GOOGLE)));
        CprDetector detector = new CprDetector();
        Set<String> plantedDigits = new HashSet<>();
        planted.forEach(p -> plantedDigits.add(p.cprDigits()));
        int cprTokens = 0;
        int healthValues = 0;
        for (LoggedRequest request : journal) {
            String everything = Journal.everything(request);
            if (detector.containsCpr(everything)) {
                cprTokens++;
            }
            cprTokens += plantedTokens(everything, plantedDigits);
            if (everything.contains("#h") || HEALTH_WORDS.matcher(everything).find()) {
                healthValues++;
            }
        }
        System.out.printf("Egress end-to-end: %d customers, %d synced, %d blocked (CPR in e-mail), journal %d requests,"
                + " CPR tokens %d, health values %d; accepted in %d ms, all synced after %d ms%n", CUSTOMERS,
                expected.size(), blockedCustomers, journal.size(), cprTokens, healthValues,
                (accepted - started) / 1_000_000, (synced - started) / 1_000_000);

        int loggedTokens = plantedTokens(output.getAll(), plantedDigits) + (detector.containsCpr(output.getAll()) ? 1 : 0);
        System.out.printf("Egress end-to-end: CPR tokens in the captured log %d%n", loggedTokens);
        assertThat(cprTokens).as("CPR-shaped tokens in the Mailchimp and Google journals").isZero();
        assertThat(loggedTokens).as("CPR-shaped tokens in the log").isZero();
        assertThat(healthValues).as("health or deny-listed values in the Mailchimp journal").isZero();
        // every clean customer synced; delivery is at least once (a timeout on a busy machine may repeat an
        // idempotent write), which the figures below report
        Map<String, Integer> written = NewsletterJournal.membersWritten(mailchimp);
        assertThat(expected).allSatisfy(hash -> assertThat(written.get(hash)).as(hash).isPositive());
        System.out.printf("Egress end-to-end: %d clean customers written more than once; %d batch requests, %d single"
                        + " upserts%n", expected.stream().filter(hash -> written.get(hash) > 1).count(),
                journal.stream().filter(r -> r.getUrl().equals("/3.0/lists/a1b2c3d4e5")).count(),
                journal.stream().filter(r -> r.getUrl().startsWith("/3.0/lists/a1b2c3d4e5/members/")).count());
        for (Planted p : planted) {
            if (p.cprInEmail()) {
                assertThat(written).doesNotContainKey(MailchimpMembers.subscriberHash(p.email()));
                assertThat(journal).noneMatch(request -> Journal.everything(request).contains(p.email()));
            }
        }
        assertThat(blockedCustomers).isPositive();
    }

    /**
     * One of the ways a CPR number is written: ten digits with a separator (or none, or an invisible character)
     * before the serial; the date parts separated too ({@code 02 02 92 2222}, {@code 01-01-90-1234}); a four-digit
     * year ({@code 01.01.1990-1234}); or full-width digits.
     */
    static String written(String cpr, Random random) {
        String date = cpr.substring(0, 6);
        String serial = cpr.substring(6);
        String separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
        String dateSeparator = DATE_SEPARATORS[random.nextInt(DATE_SEPARATORS.length)];
        return switch (random.nextInt(5)) {
            case 0, 1 -> date + separator + serial;
            case 2 -> String.join(dateSeparator, cpr.substring(0, 2), cpr.substring(2, 4), cpr.substring(4, 6))
                    + (random.nextBoolean() ? dateSeparator : separator) + serial;
            case 3 -> String.join(dateSeparator, cpr.substring(0, 2), cpr.substring(2, 4), fourDigitYear(cpr))
                    + separator + serial;
            default -> fullWidth(date) + separator + fullWidth(serial);
        };
    }

    /** The forms that fit in an e-mail address's local part. */
    static String writtenInAnAddress(String cpr, Random random) {
        String[] separators = {"", "-", "_", "."};
        String separator = separators[random.nextInt(separators.length)];
        return random.nextBoolean() ? cpr.substring(0, 6) + separator + cpr.substring(6)
                : String.join(separator, cpr.substring(0, 2), cpr.substring(2, 4), cpr.substring(4, 6), cpr.substring(6));
    }

    /** The century the seventh digit selects, as {@link #randomCpr} generates them (1940-1999 and 2000-2036). */
    static String fourDigitYear(String cpr) {
        int seventh = cpr.charAt(6) - '0';
        return (seventh <= 3 ? "19" : "20") + cpr.substring(4, 6);
    }

    static String fullWidth(String digits) {
        StringBuilder out = new StringBuilder();
        digits.chars().forEach(c -> out.append((char) ('\uFF10' + (c - '0'))));
        return out.toString();
    }

    /**
     * The planted numbers found in {@code text}, however written: the text is normalized as the detector
     * normalizes it (NFKC, invisible characters dropped), then every run of digit groups with short separators
     * between them is compared with the planted digits (a four-digit year counts as its last two digits).
     */
    static int plantedTokens(String text, Set<String> plantedDigits) {
        String normalized = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                .replaceAll("[\\u200B-\\u200D\\u2060\\u00AD\\uFEFF]", "");
        Matcher m = PLANTED_SHAPE.matcher(normalized);
        int found = 0;
        while (m.find()) {
            String year = m.group(3).length() == 4 ? m.group(3).substring(2) : m.group(3);
            if (plantedDigits.contains(m.group(1) + m.group(2) + year + m.group(4))) {
                found++;
            }
        }
        return found;
    }

    static final Pattern PLANTED_SHAPE = Pattern.compile(
            "(?<!\\d)(\\d{2})\\D{0,3}?(\\d{2})\\D{0,3}?(\\d{4}|\\d{2})\\D{0,3}?(\\d{4})(?!\\d)");

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
