package dk.consenthub.newsletter;

import dk.consenthub.egress.EgressGuard;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.inbox.InboxDispatch;
import dk.consenthub.inbox.InboxEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Under a backlog, the member writes of one inbox batch go out together: each event's flow joins its upsert to the
 * batch's {@link Batch}, and once every event of the batch has run, they leave as batch requests of at most 500
 * members ({@code POST /lists/{id}}, {@code update_existing}). Each event is completed when its member is written, and
 * fails as its own request would have when Mailchimp rejects its member ({@code errors[]}) or the whole request fails.
 * A batch holds at most one event per subject (the inbox claims it so), which keeps each person's changes in order.
 */
@Component("memberBatches")
public class MemberBatches {

    /** The exchange property holding the batch of the inbox batch being dispatched. */
    public static final String PROPERTY = "hubMemberBatch";
    /** Whether the member request in the body joined the batch (else it is sent alone). */
    public static final String JOINED = "hubMemberJoined";
    /** The exchange property holding the part whose request is being sent. */
    public static final String PART = "hubMemberBatchPart";

    private final MailchimpMembers members;
    private final MailchimpBatches batches;
    private final EgressGuard guard;
    private final InboxDispatch dispatch;

    MemberBatches(MailchimpMembers members, MailchimpBatches batches, EgressGuard guard, InboxDispatch dispatch) {
        this.members = members;
        this.batches = batches;
        this.guard = guard;
        this.dispatch = dispatch;
    }

    public Batch open() {
        return new Batch();
    }

    /**
     * Joins the member request in the body to the batch. The guard inspects the member on its own first, so a member
     * it refuses fails this event exactly as its single request would. Sets {@link #JOINED}: false when the batch
     * already writes this address (this write is then sent alone).
     */
    public void join(Exchange exchange) {
        EgressRequest single = exchange.getIn().getBody(EgressRequest.class);
        guard.inspect(single);
        Batch batch = exchange.getProperty(PROPERTY, Batch.class);
        InboxEvent event = exchange.getProperty(InboxDispatch.EVENT, InboxEvent.class);
        String address = MailchimpBatches.normalized((String) ((Map<?, ?>) single.body()).get("email_address"));
        boolean joined = event != null && batch.add(new Member(event, address, single));
        if (joined && !dispatch.defer(exchange)) {
            batch.remove(address);
            joined = false;
        }
        exchange.setProperty(JOINED, joined);
    }

    /** The batch's requests, at most {@value MailchimpBatches#MAX_MEMBERS} members each. */
    public List<Part> parts(Exchange exchange) {
        List<Member> all = exchange.getProperty(PROPERTY, Batch.class).members();
        List<Part> parts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MailchimpBatches.MAX_MEMBERS) {
            List<Member> chunk = all.subList(from, Math.min(all.size(), from + MailchimpBatches.MAX_MEMBERS));
            parts.add(new Part(List.copyOf(chunk), members.batch(chunk.stream().map(Member::request).toList())));
        }
        return parts;
    }

    /** Mailchimp's answer to a part: each rejected member fails its event, every other event is done. */
    public void outcome(Exchange exchange) throws IOException {
        var rejections = batches.rejections(exchange.getIn().getBody(byte[].class));
        List<InboxEvent> written = new ArrayList<>();
        for (Member member : exchange.getProperty(PART, Part.class).members()) {
            var rejection = rejections.get(member.address());
            if (rejection != null) {
                dispatch.failDeferred(exchange, member.event(), rejection, "inbox-dispatch-member-batch");
            } else {
                written.add(member.event());
            }
        }
        dispatch.completeDeferred(exchange, written);
    }

    /** A part's request failed as a whole (after the egress retries): every event of it fails with that cause. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        for (Member member : exchange.getProperty(PART, Part.class).members()) {
            dispatch.failDeferred(exchange, member.event(), cause, routeId);
        }
    }

    /** One member write: the event that asked for it, its address (normalized) and its single-member request. */
    record Member(InboxEvent event, String address, EgressRequest request) {
    }

    /** One batch request and the members it carries, so its answer can be matched member by member. */
    public record Part(List<Member> members, EgressRequest request) {
    }

    /** The member writes of one inbox batch; its events run in parallel, so it is shared and synchronized. */
    public static final class Batch {

        private final Map<String, Member> byAddress = new LinkedHashMap<>();

        synchronized boolean add(Member member) {
            return byAddress.putIfAbsent(member.address(), member) == null;
        }

        synchronized void remove(String address) {
            byAddress.remove(address);
        }

        synchronized List<Member> members() {
            return List.copyOf(byAddress.values());
        }
    }
}
