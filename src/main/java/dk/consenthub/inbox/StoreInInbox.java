package dk.consenthub.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stores the {@link NewInboxEvent} body durably and answers the sender: 202 with the new event id, or 200 with the
 * id of the event a repeated delivery matches. Nothing else happens while the sender waits.
 */
@Component("storeInInbox")
class StoreInInbox implements Processor {

    private final InboxStore inbox;
    private final MeterRegistry meters;

    StoreInInbox(InboxStore inbox, MeterRegistry meters) {
        this.inbox = inbox;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        NewInboxEvent event = exchange.getIn().getBody(NewInboxEvent.class);
        InboxStore.Stored stored = inbox.store(event);
        meters.counter("hub.webhooks.accepted", "source", event.source(),
                "duplicate", String.valueOf(stored.duplicate())).increment();
        byte[] body = ("{\"eventId\":\"" + stored.eventId() + "\"}").getBytes(StandardCharsets.UTF_8);
        Webhooks.answer(exchange, stored.duplicate() ? 200 : 202, "application/json", body);
    }
}
