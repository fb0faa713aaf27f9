package dk.consenthub.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /webhooks/gecko/{token}}: the hub's accept, minus Camel and everything else. */
@RestController
class WebhookController {

    private static final byte[] TOKEN = "sandbox-gecko-webhook-token".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final WebhookInbox inbox;

    WebhookController(ObjectMapper json, WebhookInbox inbox) {
        this.json = json;
        this.inbox = inbox;
    }

    @PostMapping(path = "/webhooks/gecko/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> accept(@PathVariable String token, @RequestBody byte[] body) throws Exception {
        if (!MessageDigest.isEqual(TOKEN, token.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(401).build();
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            return ResponseEntity.badRequest().build();
        }
        String customerId = event.path("CUSTOMERID").asText("");
        if (customerId.isEmpty() || !event.path("CUSTOMEREMAIL").isTextual()) {
            return ResponseEntity.badRequest().build();
        }
        String id = UUID.randomUUID().toString();
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        try {
            inbox.insert(id, customerId, key, body);
            return ResponseEntity.status(202).body(Map.of("eventId", id));
        } catch (DuplicateKeyException repeated) {
            return ResponseEntity.ok(Map.of("eventId", inbox.idOf(key)));
        }
    }
}
