package dk.consenthub.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.CustomerFacts;
import dk.consenthub.erasure.CustomerLookup;
import dk.consenthub.system.HubProperties;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads a customer from Gecko's REST API ({@code GET /customer/{id}}, the id in the exchange property
 * {@link #CUSTOMER}): to verify an erasure no operator asked for (whether Gecko has them, their tags, last booking
 * and the address Gecko holds; nothing else of the answer is kept), or for a person's access report, which keeps
 * what it may of the answer itself.
 */
@Component("geckoCustomerLookup")
public class GeckoCustomerLookup {

    /** The exchange property with the id of the customer to read. */
    public static final String CUSTOMER = "hubGeckoCustomerId";

    private final ObjectMapper json;
    private final HubProperties hub;

    GeckoCustomerLookup(ObjectMapper json, HubProperties hub) {
        this.json = json;
        this.hub = hub;
    }

    public EgressRequest request(@ExchangeProperty(CUSTOMER) String customerId) {
        return new EgressRequest(GeckoDestination.NAME, "customer-read", "GET",
                "/customer/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8), Map.of(), null,
                Set.of(), Set.of(404));
    }

    public CustomerLookup outcome(@Header(Exchange.HTTP_RESPONSE_CODE) int status, @Body byte[] body,
                                  @ExchangeProperty(CUSTOMER) String customerId) throws IOException {
        if (status == 404) {
            return CustomerLookup.gone();
        }
        GeckoCustomerEvent customer = GeckoCustomerJson.read(json.readTree(body), hub.zone());
        if (!customerId.equals(customer.customerId())) {
            throw new IllegalStateException("Gecko answered with another customer than the one asked for");
        }
        return new CustomerLookup(new CustomerFacts(customer.customerId(), customer.email(), customer.lastBooking(),
                customer.tags()));
    }
}
