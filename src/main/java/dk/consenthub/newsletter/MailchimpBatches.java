package dk.consenthub.newsletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressBlockedException;
import dk.consenthub.egress.EgressGuard;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.TerminalEgressException;
import dk.consenthub.reconcile.NewsletterBatch;
import dk.consenthub.reconcile.NewsletterWrite;
import dk.consenthub.reconcile.ReconcileRun;
import dk.consenthub.reconcile.ReconcileWrites;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Many changes at once: batch requests of at most 500 members ({@code POST /lists/{id}}, {@code update_existing}).
 * Every member is first checked by the egress guard on its own, so one address the guard refuses (a CPR number in
 * it) is kept as failed instead of blocking its 499 neighbours; the batch itself then passes the guard again on
 * its way out. Mailchimp answers 200 even when it rejected members: each {@code errors[]} entry is kept as failed.
 */
@Component("mailchimpBatches")
class MailchimpBatches {

    /** Mailchimp's limit per batch subscribe call. */
    static final int MAX_MEMBERS = 500;

    private final MailchimpMembers members;
    private final EgressGuard guard;
    private final ReconcileWrites writes;
    private final ObjectMapper json;

    MailchimpBatches(MailchimpMembers members, EgressGuard guard, ReconcileWrites writes, ObjectMapper json) {
        this.members = members;
        this.guard = guard;
        this.writes = writes;
        this.json = json;
    }

    public List<NewsletterBatch> requests(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        List<NewsletterBatch> batches = new ArrayList<>();
        List<NewsletterWrite> chunk = new ArrayList<>();
        List<EgressRequest> chunkRequests = new ArrayList<>();
        for (NewsletterWrite write : run.getWrites()) {
            EgressRequest single = members.forWrite(write);
            try {
                guard.inspect(single);
            } catch (EgressBlockedException blocked) {
                writes.failed(run, write, "reconcile-write-batches", blocked);
                continue;
            }
            chunk.add(write);
            chunkRequests.add(single);
            if (chunk.size() == MAX_MEMBERS) {
                batches.add(new NewsletterBatch(chunk, members.batch(chunkRequests)));
                chunk = new ArrayList<>();
                chunkRequests = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            batches.add(new NewsletterBatch(chunk, members.batch(chunkRequests)));
        }
        return batches;
    }

    /** Reads Mailchimp's answer to one batch: counts the members written, keeps each rejected one as failed. */
    public void outcome(@Body byte[] answer, @ExchangeProperty(ReconcileWrites.BATCH) NewsletterBatch batch,
                        @ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) throws IOException {
        Map<String, TerminalEgressException> rejections = rejections(answer);
        int rejected = 0;
        for (NewsletterWrite write : batch.writes()) {
            TerminalEgressException rejection = rejections.get(normalized(write.change().email()));
            if (rejection != null) {
                rejected++;
                writes.failed(run, write, "reconcile-write-batches", rejection);
            }
        }
        writes.batchWritten(run, batch.writes().size() - rejected);
    }

    /**
     * The members a batch answer rejected ({@code errors[]}), by normalized address: each as the terminal failure
     * its single-member request would have met. A member not among them was written.
     */
    Map<String, TerminalEgressException> rejections(byte[] answer) throws IOException {
        Map<String, TerminalEgressException> rejections = new HashMap<>();
        for (JsonNode error : json.readTree(answer).path("errors")) {
            String errorType = errorType(error);
            rejections.put(normalized(error.path("email_address").asText("")), new TerminalEgressException(
                    MailchimpDestination.NAME, errorType, "Mailchimp rejected a member of a batch (" + errorType + ")"));
        }
        return rejections;
    }

    /**
     * Batch errors carry the vendor's text, which quotes the address: only a code is kept. The two cases the hub
     * must recognise are named as the single-member answers name them.
     */
    static String errorType(JsonNode error) {
        String text = error.path("error").asText("").toLowerCase(Locale.ROOT);
        if (text.contains("compliance state")) {
            return "COMPLIANCE_STATE";
        }
        if (text.contains("permanently deleted")) {
            return "FORGOTTEN_EMAIL";
        }
        String code = error.path("error_code").asText("");
        return code.matches("[A-Z_]{1,40}") ? code : "BATCH_MEMBER_ERROR";
    }

    static String normalized(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
