package dk.consenthub.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentReport;
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

    /** Gecko's template carries no time: the delivery's arrival is when the flag was seen. */
    public ConsentReport report(@Body byte[] payload, @ExchangeProperty("hubInboxReceivedAt") Instant receivedAt)
            throws IOException {
        GeckoCustomerEvent event = json.readValue(payload, GeckoCustomerEvent.class);
        return new ConsentReport("gecko", "customer-updated", event.customerId(), event.email(), null,
                event.firstName(), event.acceptsMarketingEmail(), receivedAt, event.acceptsMarketingSms());
    }
}
