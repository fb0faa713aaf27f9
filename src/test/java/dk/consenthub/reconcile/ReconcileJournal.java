package dk.consenthub.reconcile;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.support.Journal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** What a reconcile run sent, read from a sandbox's journal: the requests of a time span, and Mailchimp's writes. */
final class ReconcileJournal {

    static final String LIST = "/3.0/lists/a1b2c3d4e5";
    static final String MEMBERS = LIST + "/members/";

    private ReconcileJournal() {
    }

    /** Requests that left for {@code server} between two instants (the journal's own clock, milliseconds). */
    static List<LoggedRequest> sentBetween(WireMockServer server, Instant from, Instant until,
                                           Predicate<LoggedRequest> filter) {
        return Journal.requests(server, r -> !r.getLoggedDate().toInstant().isBefore(from.minusMillis(1))
                && !r.getLoggedDate().toInstant().isAfter(until.plusMillis(1)) && filter.test(r));
    }

    static Predicate<LoggedRequest> memberWrite() {
        return r -> (r.getMethod().getName().equals("PUT") || r.getMethod().getName().equals("PATCH"))
                && r.getUrl().startsWith(MEMBERS);
    }

    static Predicate<LoggedRequest> batchWrite() {
        return r -> r.getMethod().getName().equals("POST") && r.getUrl().equals(LIST);
    }
}
