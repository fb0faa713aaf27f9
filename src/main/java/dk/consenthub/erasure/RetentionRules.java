package dk.consenthub.erasure;

import dk.consenthub.consent.ConsentLedger;
import dk.consenthub.consent.Purpose;
import dk.consenthub.consent.Subjects.Subject;
import dk.consenthub.consent.Subjects;
import dk.consenthub.system.HubProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The privacy policy's retention rules, applied by a daily sweep (and shown by a dry run):
 * <ul>
 * <li>former customers: erased {@code former-customers-after} (5 years) after their last booking, unless the hold
 * tag is set;</li>
 * <li>prospects (newsletter only, never a Gecko customer): erased once they withdraw;</li>
 * <li>customers gone from Gecko (a complete full scan no longer lists them): their traces elsewhere are erased.</li>
 * </ul>
 * Subjects with an open case are left to it.
 */
@Component("retentionRules")
public class RetentionRules {

    public record Candidate(String subjectRef, String rule) {
    }

    /** @param opened cases opened by this sweep; {@code candidates} what the rules matched */
    public record Sweep(LocalDate asOf, List<Candidate> candidates, int opened) {
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionRules.class);

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final ConsentLedger ledger;
    private final ErasureCases cases;
    private final ErasureRequests requests;
    private final ErasureProperties properties;
    private final Clock clock;
    private final ZoneId zone;

    RetentionRules(JdbcClient jdbc, Subjects subjects, ConsentLedger ledger, ErasureCases cases,
                   ErasureRequests requests, ErasureProperties properties, Clock clock, HubProperties hub) {
        this.zone = hub.zone();
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.ledger = ledger;
        this.cases = cases;
        this.requests = requests;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a sweep would open now; opens nothing. */
    public Sweep dryRun() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new Sweep(today, due(today).entrySet().stream()
                .map(e -> new Candidate(cases.subjectRef(e.getKey()), e.getValue())).toList(), 0);
    }

    /** Opens a case for every subject a rule makes due. */
    public Sweep sweep() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Candidate> candidates = new ArrayList<>();
        int opened = 0;
        for (Map.Entry<String, String> due : due(today).entrySet()) {
            Subject subject = subjects.byId(due.getKey()).orElseThrow();
            if (requests.forRetention(subject, due.getValue()).created()) {
                opened++;
            }
            candidates.add(new Candidate(cases.subjectRef(subject.id()), due.getValue()));
        }
        log.info("Retention sweep as of {}: {} subject(s) due, {} case(s) opened", today, candidates.size(), opened);
        return new Sweep(today, candidates, opened);
    }

    /**
     * After a full reconcile scan: a case for each customer it no longer found in Gecko, unless so many vanished at
     * once that it looks like a fault rather than deletions (then none, and a warning).
     */
    public int openVanished() {
        int opened = 0;
        for (String subjectId : vanished()) {
            if (requests.forRetention(subjects.byId(subjectId).orElseThrow(), VANISHED).created()) {
                opened++;
            }
        }
        if (opened > 0) {
            log.info("{} erasure case(s) opened for customers no longer in Gecko", opened);
        }
        return opened;
    }

    private List<String> vanished() {
        List<String> vanished = jdbc.sql(NOT_IN_A_CASE + """
                 and exists (select 1 from customer_fingerprint f
                             where f.gecko_customer_id = s.gecko_customer_id and f.missing_since is not null)
                order by s.id""").query(String.class).list();
        if (vanished.size() > properties.vanishedLimit()) {
            log.warn("{} customers are missing from Gecko, more than hub.erasure.vanished-limit ({}): no erasure is "
                    + "opened for them automatically. Check the Gecko account; erase them one by one with POST "
                    + "/admin/erasures if they really are gone.", vanished.size(), properties.vanishedLimit());
            return List.of();
        }
        return vanished;
    }

    static final String VANISHED = "vanished-from-gecko";

    static final String FORMER_CUSTOMER = "former-customer";

    /**
     * Whether a rule that made a case due still holds on what Gecko shows now: the reason it does not, or empty.
     *
     * @param gecko the customer as Gecko holds them now, {@code null} when Gecko no longer has them
     */
    Optional<String> contradiction(String rule, CustomerFacts gecko) {
        if (VANISHED.equals(rule)) {
            return gecko == null ? Optional.empty() : Optional.of("the customer is still in Gecko");
        }
        if (gecko == null || !FORMER_CUSTOMER.equals(rule)) {
            return Optional.empty(); // gone from Gecko as well; a prospect was never there
        }
        if (gecko.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(properties.holdTag()))) {
            return Optional.of("Gecko shows the hold tag on the customer");
        }
        LocalDate cutoff = LocalDate.now(clock.withZone(zone)).minus(properties.formerCustomersAfter());
        if (gecko.lastBooking() != null && !gecko.lastBooking().isBefore(cutoff)) {
            return Optional.of("Gecko shows a booking within the retention period");
        }
        return Optional.empty();
    }

    /** Subject id -> the rule that makes it due, in a stable order. */
    private Map<String, String> due(LocalDate today) {
        Map<String, String> due = new LinkedHashMap<>();
        LocalDate cutoff = today.minus(properties.formerCustomersAfter());
        jdbc.sql(NOT_IN_A_CASE + """
                 and s.gecko_customer_id is not null and s.retention_hold = false and s.last_booking_on < :cutoff
                order by s.id""").param("cutoff", cutoff).query(String.class).list()
                .forEach(id -> due.put(id, FORMER_CUSTOMER));
        vanished().forEach(id -> due.putIfAbsent(id, VANISHED));
        if (properties.prospectsOnWithdrawal()) {
            jdbc.sql(NOT_IN_A_CASE + " and s.gecko_customer_id is null order by s.id").query(String.class).list().stream()
                    .filter(id -> ledger.current(id, Purpose.NEWSLETTER).map(e -> !e.granted()).orElse(false))
                    .forEach(id -> due.putIfAbsent(id, "prospect-withdrew"));
        }
        return due;
    }

    private static final String NOT_IN_A_CASE = """
            select s.id from subject s
            where s.erased_at is null
              and not exists (select 1 from erasure_case c where c.subject_id = s.id and c.status not in ('COMPLETED', 'REJECTED'))""";
}
