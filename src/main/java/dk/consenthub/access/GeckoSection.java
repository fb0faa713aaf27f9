package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Gecko's part of a report, from {@code GET /customer/{id}} (read through {@code egress-gecko}): the customer's
 * contact fields, consent flags and tags, nothing else. Notes, the journal, birth year and the rest of the answer
 * are dropped; the patient journal is never read: the report says it is requested from the clinic directly.
 */
@Component("accessGecko")
class GeckoSection {

    static final List<String> CONTACT = List.of("customerId", "customerNo", "customerName", "customerFirstName",
            "customerLastName", "customerEmail", "customerMobile", "customerPhone", "customerAddress",
            "customerPostalcode", "customerCity");
    static final List<String> CONSENTS = List.of("customerAcceptsMarketingEmail", "customerAcceptsMarketingSms");
    static final List<String> TAG = List.of("customerTagName", "customerTagValue");

    private final ObjectMapper json;

    GeckoSection(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode section(@Header(Exchange.HTTP_RESPONSE_CODE) int status, @Body byte[] body) throws IOException {
        ObjectNode section = json.createObjectNode();
        if (status == 404) {
            return section.put("held", false);
        }
        JsonNode customer = json.readTree(body);
        section.put("held", true);
        section.set("contact", ReportFields.keep(customer, CONTACT));
        section.set("consents", ReportFields.keep(customer, CONSENTS));
        ArrayNode tags = section.putArray("tags");
        JsonNode given = ReportFields.field(customer, "customerTags");
        if (given != null && given.isArray()) {
            given.forEach(tag -> tags.add(ReportFields.keep(tag, TAG)));
        }
        return section;
    }
}
