package dk.consenthub.newsletter;

import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.ErasureQueue;
import dk.consenthub.erasure.ErasureSubject;
import dk.consenthub.erasure.ErasureTarget;
import dk.consenthub.erasure.ErasureWork;
import dk.consenthub.erasure.TaskOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Erasure in Mailchimp: {@code delete-permanent}, never archive (an archived contact stays and can be re-added).
 * Mailchimp answers 404 for an address it does not hold, and "Forgotten Email Not Subscribed" for one already
 * deleted: both mean the data is gone.
 */
@Component("mailchimpErasure")
class MailchimpErasure implements ErasureTarget {

    private final MailchimpProperties properties;
    private final MailchimpMembers members;

    MailchimpErasure(MailchimpProperties properties, MailchimpMembers members) {
        this.properties = properties;
        this.members = members;
    }

    @Override
    public String name() {
        return MailchimpDestination.NAME;
    }

    @Override
    public List<String> scopes(ErasureSubject subject) {
        return subject.email() == null ? List.of() : List.of("list " + properties.listId());
    }

    @Override
    public String notApplicable() {
        return "the hub knows no e-mail address for this person, so Mailchimp cannot hold them";
    }

    @Override
    public Optional<String> alreadyGone(String errorType) {
        return errorType.equals("FORGOTTEN_EMAIL")
                ? Optional.of("already permanently deleted (Forgotten Email Not Subscribed)") : Optional.empty();
    }

    public EgressRequest request(@ExchangeProperty(ErasureQueue.WORK) ErasureWork work) {
        return new EgressRequest(MailchimpDestination.NAME, "member-delete-permanent", "POST",
                members.memberPath(work.subject().email()) + "/actions/delete-permanent", Map.of(), null, Set.of(),
                Set.of(404));
    }

    public TaskOutcome outcome(@Header(Exchange.HTTP_RESPONSE_CODE) int status) {
        return status == 404
                ? TaskOutcome.done(null, "not in the list (never subscribed, or already deleted)")
                : TaskOutcome.done(null, "deleted permanently (" + status + ")");
    }
}
