package dk.consenthub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.booking.GeckoCustomerEvent;
import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Decides what a Gecko customer event means for the newsletter: the exchange property {@code newsletterAction}
 * becomes {@code subscribe}, {@code unsubscribe} or {@code none}, and the body the {@link ConsentChange}.
 */
@Component("resolveConsentChange")
class ResolveConsentChange {

    static final String ACTION = "newsletterAction";

    private final ObjectMapper json;
    private final Clock clock;

    ResolveConsentChange(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public void fromGecko(Exchange exchange) throws IOException {
        GeckoCustomerEvent event = json.readValue(exchange.getIn().getBody(byte[].class), GeckoCustomerEvent.class);
        if (event.email() == null || event.acceptsMarketingEmail() == null) {
            exchange.setProperty(ACTION, "none");
            exchange.getIn().setBody(null);
            return;
        }
        boolean granted = event.acceptsMarketingEmail();
        exchange.setProperty(ACTION, granted ? "subscribe" : "unsubscribe");
        exchange.getIn().setBody(new ConsentChange("gecko", event.customerId(), event.email(), event.firstName(),
                Purpose.NEWSLETTER, granted, clock.instant()));
    }
}
