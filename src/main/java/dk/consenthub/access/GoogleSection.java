package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.consenthub.erasure.ErasureCases;
import dk.consenthub.erasure.ErasureReceipt;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Google Analytics' part of a report, from the hub's own records: GA is not asked. It holds pseudonymous
 * identifiers (a browser's client id) and offers no lookup by e-mail, so the hub cannot read what GA holds about a
 * person; it can say what it asked GA to delete for them, and when Google took the request.
 */
@Component("accessGoogle")
class GoogleSection {

    private final ErasureCases erasures;
    private final ObjectMapper json;

    GoogleSection(ErasureCases erasures, ObjectMapper json) {
        this.erasures = erasures;
        this.json = json;
    }

    public JsonNode section(@ExchangeProperty(AccessQueue.WORK) AccessWork work) {
        ObjectNode section = json.createObjectNode();
        section.put("lookup", "none: Google Analytics holds pseudonymous identifiers only and cannot be searched by "
                + "e-mail");
        ArrayNode deletions = section.putArray("deletions");
        if (work.subject().subjectId() != null) {
            for (ErasureReceipt erasure : erasures.ofSubject(work.subject().subjectId())) {
                erasure.tasks().stream().filter(task -> task.target().equals("google")).forEach(task -> deletions
                        .addObject().put("erasureCase", erasure.id()).put("scope", task.scope())
                        .put("status", task.status()).put("requestedAt", task.externalReference()));
            }
        }
        return section;
    }
}
