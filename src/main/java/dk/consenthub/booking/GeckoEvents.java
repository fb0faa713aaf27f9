package dk.consenthub.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentReport;
import dk.consenthub.erasure.CustomerFacts;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Opens a stored Gecko customer event as a consent report. */
@Component("geckoEvents")
class GeckoEvents {

    private final ObjectMapper json;

    GeckoEvents(ObjectMapper json) {
        this.json = json;
    }

    /** What erasure and retention need of the delivery. */
    public CustomerFacts facts(@Body byte[] payload) throws IOException {
        GeckoCustomerEvent event = json.readValue(payload, GeckoCustomerEvent.class);
        return new CustomerFacts(event.customerId(), event.email(), event.lastBooking(), event.tags());
    }

    /** Gecko's template carries no time: the delivery's arrival is when the flag was seen. */
    public ConsentReport report(@Body byte[] payload, @ExchangeProperty("hubInboxReceivedAt") Instant receivedAt)
            throws IOException {
        GeckoCustomerEvent event = json.readValue(payload, GeckoCustomerEvent.class);
        return new ConsentReport("gecko", "customer-updated", event.customerId(), event.email(), null,
                event.firstName(), event.acceptsMarketingEmail(), receivedAt, event.acceptsMarketingSms());
    }
}
