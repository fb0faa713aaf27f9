package dk.consenthub.newsletter;

import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.inbox.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Mailchimp signs nothing: the unguessable token in the webhook URL authenticates a delivery. */
@Component("verifyMailchimpToken")
class VerifyMailchimpToken implements Processor {

    private final byte[] expected;

    VerifyMailchimpToken(MailchimpProperties properties) {
        this.expected = properties.webhookToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(Webhooks.SOURCE_PROPERTY, "mailchimp");
        String token = exchange.getIn().getHeader("token", "", String.class);
        exchange.getIn().removeHeader("token");
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            throw RejectedRequestException.unauthorized();
        }
    }
}
