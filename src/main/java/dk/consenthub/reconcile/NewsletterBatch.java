package dk.consenthub.reconcile;

import dk.consenthub.egress.EgressRequest;
import java.util.List;

/** One batch request to Mailchimp and the writes it carries, so its answer can be matched member by member. */
public record NewsletterBatch(List<NewsletterWrite> writes, EgressRequest request) {

    public NewsletterBatch {
        writes = List.copyOf(writes);
    }
}
