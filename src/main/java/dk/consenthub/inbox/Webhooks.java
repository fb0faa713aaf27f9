package dk.consenthub.inbox;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** How every webhook route answers: nothing of the request (headers, path token) goes back. */
public final class Webhooks {

    public static final String SOURCE_PROPERTY = "hubWebhookSource";

    private Webhooks() {
    }

    public static void answer(Exchange exchange, int status, String contentType, byte[] body) {
        Message message = exchange.getMessage();
        // Camel copies message headers into the HTTP response: drop them all, or the token would travel back.
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-store");
        message.setBody(body);
    }
}
