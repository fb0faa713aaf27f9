package dk.consenthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gecko's customer list ({@code GET /api/v1/customer?page=&rowsPerPage=}) as a test wants it: one stub per page,
 * above the sandbox's own stubs. Customers are REST-shaped records with the noise the real list carries (notes with
 * CPR numbers and health text), which the hub must never keep.
 */
public final class GeckoCustomerList {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeckoCustomerList() {
    }

    public static Map<String, Object> customer(String id, String email, boolean acceptsEmail, String... tags) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", Long.parseLong(id));
        customer.put("customerName", "Kunde " + id);
        customer.put("customerFirstName", "Kunde");
        customer.put("customerLastName", id);
        customer.put("customerEmail", email);
        customer.put("customerMobile", "+4520304050");
        customer.put("customerAcceptsMarketingEmail", acceptsEmail);
        customer.put("customerAcceptsMarketingSms", false);
        List<Map<String, Object>> tagList = new ArrayList<>();
        for (String tag : tags) {
            tagList.add(Map.of("customerTagId", 7, "customerTagName", tag, "customerTagValue", ""));
        }
        customer.put("customerTags", tagList);
        customer.put("customerImportantNote", "CPR 010190-1234. Allergisk over for lidokain.");
        customer.put("customerNote", "Botox 20 enheder pande");
        return customer;
    }

    /** The sandbox's own 60 customers (mappings/gecko/list-customers-100-page-0.json), to edit and stub again. */
    public static List<ObjectNode> sandboxCustomers() {
        Path file = Path.of(System.getProperty("user.dir"), "mappings", "gecko", "list-customers-100-page-0.json");
        try {
            List<ObjectNode> customers = new ArrayList<>();
            JSON.readTree(file.toFile()).path("response").path("jsonBody").path("list")
                    .forEach(node -> customers.add((ObjectNode) node.deepCopy()));
            return customers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stubs every page of {@code customers} at {@code rowsPerPage}; the Hub removes them after the test. */
    public static List<StubMapping> stubPages(WireMockServer gecko, List<?> customers, int rowsPerPage) {
        List<StubMapping> stubs = new ArrayList<>();
        int pages = Math.max(1, (customers.size() + rowsPerPage - 1) / rowsPerPage);
        for (int page = 0; page < pages; page++) {
            List<?> rows = customers.subList(page * rowsPerPage, Math.min(customers.size(), (page + 1) * rowsPerPage));
            stubs.add(gecko.stubFor(get(urlPathEqualTo("/api/v1/customer"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("rowsPerPage", equalTo(String.valueOf(rowsPerPage)))
                    .atPriority(1)
                    .willReturn(okForContentType("application/json; charset=utf-8",
                            body(rows, page, rowsPerPage, customers.size())))));
        }
        return stubs;
    }

    /** Stubs {@code GET /api/v1/customer/{id}} with the customer as Gecko's REST API shows them. */
    public static StubMapping stubCustomer(WireMockServer gecko, Map<String, Object> customer) {
        try {
            return gecko.stubFor(get(urlPathEqualTo("/api/v1/customer/" + customer.get("customerId"))).atPriority(1)
                    .willReturn(okForContentType("application/json; charset=utf-8", JSON.writeValueAsString(customer))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(List<?> rows, int page, int rowsPerPage, int total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("list", rows);
        body.put("paging", Map.of("page", page, "rowsPerPage", rowsPerPage, "totalRows", total));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
