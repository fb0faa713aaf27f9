package dk.consenthub.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentReport;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.inbox.InputChecks;
import dk.consenthub.reconcile.CustomerPage;
import dk.consenthub.reconcile.ReconcileRun;
import dk.consenthub.reconcile.ScannedCustomer;
import dk.consenthub.system.HubProperties;
import dk.consenthub.system.KeyedHasher;
import dk.consenthub.system.RejectedRequestException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Gecko's customer list for the reconcile scan: {@code GET /customer?page=&rowsPerPage=} (pages from 0, answered
 * as {@code {list, paging.totalRows}}), read through {@link GeckoCustomerJson} so only the identifiers, the
 * newsletter flag, tag names and last booking date are ever read. Notes and journal text (CPR numbers, health information) arrive in
 * the same records: they are neither kept, logged nor fingerprinted, and the request asks Gecko to leave them out.
 */
@Component("geckoCustomerPages")
class GeckoCustomerPages {

    /** The fields the hub reads; Gecko's {@code fields=} projection keeps the rest at home where it is honoured. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");

    static final String FIELDS = "customerId,customerEmail,customerFirstName,customerAcceptsMarketingEmail,customerTags,"
            + "customerLastBookingDate";

    private final ObjectMapper json;
    private final Validator validator;
    private final KeyedHasher hasher;
    private final ZoneId zone;

    GeckoCustomerPages(ObjectMapper json, Validator validator, KeyedHasher hasher, HubProperties hub) {
        this.zone = hub.zone();
        this.json = json;
        this.validator = validator;
        this.hasher = hasher;
    }

    public EgressRequest request(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        return new EgressRequest(GeckoDestination.NAME, "customer-list", "GET", "/customer",
                Map.of("page", String.valueOf(run.getGeckoPage()),
                        "rowsPerPage", String.valueOf(run.getGeckoPageSize()),
                        "fields", FIELDS),
                null, Set.of(), Set.of());
    }

    /**
     * A customer the hub cannot read (no id, a CPR-shaped id, a malformed address or flag) is counted and skipped,
     * never echoed; a CPR-shaped id is not even listed.
     */
    public CustomerPage read(@Body byte[] body, @ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run)
            throws IOException {
        JsonNode root = json.readTree(body);
        JsonNode list = root == null ? null : root.path("list");
        if (list == null || !list.isArray()) {
            throw new IllegalStateException("Gecko's customer list answered without a list");
        }
        List<ScannedCustomer> customers = new ArrayList<>(list.size());
        List<String> unreadable = new ArrayList<>();
        for (JsonNode node : list) {
            GeckoCustomerEvent customer;
            try {
                customer = GeckoCustomerJson.read(node, zone);
            } catch (RejectedRequestException malformed) {
                unreadable.add(idOf(node));
                continue;
            }
            if (!validator.validate(customer).isEmpty() || InputChecks.carriesCpr(customer.customerId())) {
                unreadable.add(idOf(node));
                continue;
            }
            customers.add(new ScannedCustomer(customer.customerId(), fingerprint(customer),
                    new ConsentReport("gecko", "customer-updated", customer.customerId(), customer.email(), null,
                            customer.firstName(), customer.acceptsMarketingEmail(), run.getStartedAt()),
                    customer.tags(), customer.lastBooking()));
        }
        JsonNode totalRows = root.path("paging").path("totalRows");
        return new CustomerPage(customers, unreadable, totalRows.canConvertToLong() ? totalRows.asLong() : -1);
    }

    /** The id of a customer that could not be read otherwise, if it is a well-formed id; else empty. */
    private static String idOf(JsonNode customer) {
        for (Iterator<Map.Entry<String, JsonNode>> it = customer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase("customerId") && field.getValue().isValueNode()) {
                String id = field.getValue().asText().trim();
                return ID.matcher(id).matches() && !InputChecks.carriesCpr(id) ? id : "";
            }
        }
        return "";
    }

    /** A keyed hash of exactly the fields the hub acts on; a change anywhere else in Gecko changes nothing here. */
    String fingerprint(GeckoCustomerEvent customer) {
        String tags = String.join("\u001e", customer.tags().stream().sorted().toList());
        String fields = String.join("\u001f",
                customer.customerId(),
                customer.email() == null ? "" : customer.email().toLowerCase(Locale.ROOT),
                customer.firstName() == null ? "" : customer.firstName(),
                String.valueOf(customer.acceptsMarketingEmail()),
                tags);
        return hasher.hash("gecko-customer-fingerprint", fields);
    }
}
