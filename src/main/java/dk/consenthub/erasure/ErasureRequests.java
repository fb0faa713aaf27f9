package dk.consenthub.erasure;

import dk.consenthub.consent.Subjects;
import dk.consenthub.consent.Subjects.Subject;
import dk.consenthub.reconcile.CustomerPage;
import dk.consenthub.reconcile.ScannedCustomer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where erasures start: an admin's request, a Gecko customer tagged for erasure, a retention rule. Each finds (or
 * makes) the subject and opens its case; a subject with an open case gets that case back. Only an operator's case
 * starts at once: the others are verified against Gecko first ({@link ErasureVerification}), and a tag's case takes
 * the addresses to erase from Gecko, never from the webhook that reported the tag.
 */
@Component("erasureRequests")
public class ErasureRequests {

    /** The grounds for erasure of GDPR Article 17(1) an admin can give; retention cases name their rule. */
    public static final Set<String> REASONS = Set.of("subject-request", "consent-withdrawn", "no-longer-necessary",
            "objection", "unlawful-processing", "legal-obligation");

    public static final String ERASURE_REQUESTED = "hubErasureRequested";

    /** The trigger of a case opened because Gecko (a webhook or a scan) reported the erasure tag. */
    static final String TAG_TRIGGER = "gecko-tag";

    /** The trigger of a case a retention rule opened. */
    static final String RETENTION_TRIGGER = "retention";

    private static final Logger log = LoggerFactory.getLogger(ErasureRequests.class);

    private final Subjects subjects;
    private final ErasureCases cases;
    private final ErasureProperties properties;

    ErasureRequests(Subjects subjects, ErasureCases cases, ErasureProperties properties) {
        this.subjects = subjects;
        this.cases = cases;
        this.properties = properties;
    }

    /** An admin's request, by Gecko customer id, e-mail address, or both. */
    public ErasureCases.Opened request(String geckoCustomerId, String email, String reason, String requestedBy) {
        Optional<String> open = Optional.ofNullable(geckoCustomerId).flatMap(cases::openCaseOfGeckoCustomer)
                .or(() -> Optional.ofNullable(email).flatMap(cases::openCaseOfEmail));
        if (open.isPresent()) {
            return new ErasureCases.Opened(open.get(), false);
        }
        Optional<Subject> known = Optional.ofNullable(geckoCustomerId).flatMap(subjects::byGeckoCustomer)
                .or(() -> Optional.ofNullable(email).flatMap(subjects::byEmail));
        Subject subject = known.orElseGet(() -> geckoCustomerId != null
                ? subjects.forGeckoCustomer(geckoCustomerId, email) : subjects.forEmail(email));
        ErasureSubject target = new ErasureSubject(subject.id(), subject.geckoCustomerId(),
                email != null ? email.trim() : subject.email());
        ErasureCases.Opened opened = cases.open(target, ErasureCases.OPERATOR_TRIGGER, reason, requestedBy);
        log.info("Erasure case {} {} by an admin request", opened.caseId(), opened.created() ? "opened" : "already open");
        return opened;
    }

    /**
     * Every Gecko customer update: remembers the last booking and the hold tag for retention, and opens a case
     * when the customer carries the erasure tag (then the update is not synced anywhere).
     */
    public void fromGecko(@ExchangeProperty("hubCustomerFacts") CustomerFacts facts, Exchange exchange) {
        Optional<String> open = cases.openCaseOfGeckoCustomer(facts.geckoCustomerId());
        exchange.setProperty(ERASURE_REQUESTED, open.isPresent());
        if (open.isPresent()) {
            return; // being erased: Gecko still has the customer until staff delete them; nothing is synced
        }
        boolean requested = has(facts.tags(), properties.requestTag());
        Optional<Subject> known = subjects.byGeckoCustomer(facts.geckoCustomerId());
        if (!requested) {
            Subject subject = known.orElseGet(() -> subjects.forGeckoCustomer(facts.geckoCustomerId(), facts.email()));
            subjects.recordRetentionFacts(subject.id(), facts.lastBooking(),
                    has(facts.tags(), properties.holdTag()));
            return;
        }
        exchange.setProperty(ERASURE_REQUESTED, true);
        Optional<String> earlier = cases.anyCaseOfGeckoCustomer(facts.geckoCustomerId());
        if (earlier.isPresent()) {
            log.warn("Gecko still lists a customer tagged for erasure whose case {} is complete: check Gecko",
                    earlier.get());
            return;
        }
        // the webhook's address is not trusted: the case learns the addresses from Gecko when it is verified
        Subject subject = known.orElseGet(() -> subjects.forGeckoCustomer(facts.geckoCustomerId(), null));
        ErasureCases.Opened opened = cases.open(new ErasureSubject(subject.id(), facts.geckoCustomerId(), null),
                TAG_TRIGGER, "subject-request", "gecko");
        if (opened.created()) {
            log.info("Erasure case {} opened: a webhook says the Gecko customer carries the erasure tag; verifying "
                    + "with Gecko", opened.caseId());
        }
    }

    /**
     * A page of a reconcile scan: customers tagged for erasure get a case, and they and every customer already being
     * erased leave the page (they are not synced anywhere); the others' retention facts are recorded.
     */
    public CustomerPage fromScan(@Body CustomerPage page) {
        Set<String> erasing = new HashSet<>(cases.openCasesOfGeckoCustomers(
                page.customers().stream().map(ScannedCustomer::customerId).toList()));
        List<ScannedCustomer> kept = new ArrayList<>();
        Map<String, Subjects.RetentionFacts> facts = new HashMap<>();
        for (ScannedCustomer customer : page.customers()) {
            if (!erasing.contains(customer.customerId()) && has(customer.tags(), properties.requestTag())
                    && cases.anyCaseOfGeckoCustomer(customer.customerId()).isEmpty()) {
                Subject subject = subjects.byGeckoCustomer(customer.customerId()).orElseGet(() ->
                        subjects.forGeckoCustomer(customer.customerId(), null));
                ErasureCases.Opened opened = cases.open(new ErasureSubject(subject.id(), customer.customerId(), null),
                        TAG_TRIGGER, "subject-request", "reconcile");
                log.info("Erasure case {} opened: a scan found the Gecko customer carries the erasure tag", opened.caseId());
                erasing.add(customer.customerId());
            }
            if (erasing.contains(customer.customerId()) || has(customer.tags(), properties.requestTag())) {
                erasing.add(customer.customerId());
                continue;
            }
            kept.add(customer);
            facts.put(customer.customerId(), new Subjects.RetentionFacts(customer.lastBooking(),
                    has(customer.tags(), properties.holdTag())));
        }
        subjects.recordRetentionFacts(facts);
        List<String> skipped = new ArrayList<>(page.erasing());
        page.customers().stream().map(ScannedCustomer::customerId).filter(erasing::contains).forEach(skipped::add);
        return new CustomerPage(kept, page.unreadable(), page.totalRows(), skipped);
    }

    private static boolean has(List<String> tags, String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    /** A retention rule's case: the subject as the hub knows them. */
    ErasureCases.Opened forRetention(Subject subject, String reason) {
        return cases.open(new ErasureSubject(subject.id(), subject.geckoCustomerId(), subject.email()),
                RETENTION_TRIGGER, reason, "retention");
    }
}
