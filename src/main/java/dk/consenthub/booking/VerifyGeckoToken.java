package dk.consenthub.booking;

import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.inbox.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Gecko signs nothing, so the unguessable token in the webhook URL is what authenticates a delivery. */
@Component("verifyGeckoToken")
class VerifyGeckoToken implements Processor {

    private final byte[] expected;

    VerifyGeckoToken(BookingProperties properties) {
        this.expected = properties.webhookToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(Webhooks.SOURCE_PROPERTY, "gecko");
        String token = exchange.getIn().getHeader("token", "", String.class);
        exchange.getIn().removeHeader("token");
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            throw RejectedRequestException.unauthorized();
        }
    }
}
