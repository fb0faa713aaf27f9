package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A key is retired: rows sealed under it stay readable, and the rotation job re-seals them under the active key,
 * the same plaintext bound to the same row, until none is left.
 */
@HubIntegrationTest
class KeyRotationIntegrationTests {

    /** The hub as it was before the rotation: sealing with the key that is now retired. */
    static final PayloadCipher BEFORE = new PayloadCipher(new CryptoProperties(HubIntegrationTest.RETIRED_KEY_ID,
            Map.of(HubIntegrationTest.RETIRED_KEY_ID, HubIntegrationTest.RETIRED_KEY), "unused", "0 20 * * * ?"),
            new SimpleMeterRegistry());

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PayloadCipher cipher;

    @Autowired
    CamelContext camel;

    @Test
    void rowsSealedUnderARetiredKeyAreReadableAndReSealedUnderTheActiveOne() throws Exception {
        String email = TestIds.email("rotation");
        String body = json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), email, "ja"));
        String eventId = json.readTree(hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", body).body())
                .path("eventId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select status from inbox_event where id = :id")
                .param("id", eventId).query(String.class).single().equals("DONE"));
        String subjectId = jdbc.sql("select id from subject where key_id is not null order by created_at desc limit 1")
                .query(String.class).single();
        byte[] address = cipher.open(sealed("subject", "email", subjectId), "subject", subjectId);
        sealUnderTheRetiredKey("inbox_event", "payload", eventId, body.getBytes(StandardCharsets.UTF_8));
        sealUnderTheRetiredKey("subject", "email", subjectId, address);
        assertThat(cipher.open(sealed("inbox_event", "payload", eventId), "inbox_event", eventId))
                .as("readable under the retired key").asString(StandardCharsets.UTF_8).isEqualTo(body);

        Integer resealed = camel.createProducerTemplate().requestBody("direct:key-rotation", null, Integer.class);

        assertThat(resealed).isGreaterThanOrEqualTo(2);
        assertThat(sealed("inbox_event", "payload", eventId).keyId()).isEqualTo("sandbox-1");
        assertThat(sealed("subject", "email", subjectId).keyId()).isEqualTo("sandbox-1");
        assertThat(cipher.open(sealed("inbox_event", "payload", eventId), "inbox_event", eventId))
                .asString(StandardCharsets.UTF_8).isEqualTo(body);
        assertThat(cipher.open(sealed("subject", "email", subjectId), "subject", subjectId)).isEqualTo(address);
        assertThat(hub.metrics()).contains("hub_crypto_rows_on_old_keys 0.0");
    }

    void sealUnderTheRetiredKey(String table, String column, String id, byte[] plain) {
        PayloadCipher.Sealed old = BEFORE.seal(plain, table, id);
        jdbc.sql("update " + table + " set key_id = :key, " + column + " = :bytes where id = :id")
                .param("key", old.keyId()).param("bytes", old.bytes()).param("id", id).update();
    }

    PayloadCipher.Sealed sealed(String table, String column, String id) {
        return jdbc.sql("select key_id, " + column + " from " + table + " where id = :id").param("id", id)
                .query((rs, n) -> new PayloadCipher.Sealed(rs.getString(1), rs.getBytes(2))).single();
    }
}
