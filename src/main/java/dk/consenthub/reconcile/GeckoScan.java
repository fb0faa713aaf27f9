package dk.consenthub.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares each page of Gecko's customer list with the fingerprints the hub keeps: an unchanged customer is only
 * marked as seen; a new or changed one is kept for the decision step. Gecko documents no "updated since" filter,
 * so every run reads every page, and the fingerprints keep the unchanged majority from producing any work.
 */
@Component("geckoScan")
class GeckoScan {

    private static final Logger log = LoggerFactory.getLogger(GeckoScan.class);

    private final CustomerFingerprints fingerprints;
    private final ReconcileRuns runs;
    private final Clock clock;

    GeckoScan(CustomerFingerprints fingerprints, ReconcileRuns runs, Clock clock) {
        this.fingerprints = fingerprints;
        this.runs = runs;
        this.clock = clock;
    }

    public void compare(@Body CustomerPage page, @ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        List<String> ids = page.customers().stream().map(ScannedCustomer::customerId).toList();
        Map<String, String> known = fingerprints.known(ids);
        List<String> seenBefore = new ArrayList<>();
        for (ScannedCustomer customer : page.customers()) {
            String previous = known.get(customer.customerId());
            if (previous == null) {
                run.addDrift("newInGecko", 1);
                run.changed(customer);
            } else {
                seenBefore.add(customer.customerId());
                if (previous.equals(customer.fingerprint())) {
                    run.addDrift("unchanged", 1);
                } else {
                    run.addDrift("changedInGecko", 1);
                    run.changed(customer);
                }
            }
        }
        // changed customers keep their old fingerprint until their change is decided, but count as seen now; so
        // do customers the hub could not read this time, and those being erased: they are still in Gecko
        page.unreadable().stream().filter(id -> !id.isEmpty()).forEach(seenBefore::add);
        seenBefore.addAll(page.erasing());
        run.addDrift("erasing", page.erasing().size());
        fingerprints.touch(seenBefore, run.getId(), clock.instant());
        run.geckoPageRead(page);
        runs.renew(run);
    }

    /**
     * After a full scan: customers the hub knows that Gecko no longer lists are reported, and marked for erasure to
     * pick up (which confirms with Gecko before acting). Only a complete scan proves absence: one that saw nobody,
     * or fewer customers than Gecko counts, marks nobody.
     */
    public void markMissing(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        if (!run.isFull()) {
            return;
        }
        if (!run.geckoScanComplete()) {
            log.warn("Reconcile run {}: the scan saw {} customers, fewer than Gecko counts; nobody is marked missing",
                    run.getId(), run.getCustomersSeen());
            return;
        }
        run.drift("missingInGecko", fingerprints.markMissing(run.getId(), clock.instant()));
    }
}
