package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Sealed payloads are bound to their row: moved elsewhere, they do not open; older, unbound rows still do. */
class PayloadCipherTests {

    static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PayloadCipher cipher = new PayloadCipher(
            new CryptoProperties("k1", Map.of("k1", Base64.getEncoder().encodeToString(KEY)), "hash-secret", "0 20 * * * ?"), meters);

    final byte[] payload = "{\"email\":\"anna@example.dk\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensInTheRowItWasSealedFor() {
        PayloadCipher.Sealed sealed = cipher.seal(payload, "inbox_event", "row-1");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(cipher.open(sealed, "inbox_event", "row-1")).isEqualTo(payload);
        assertThat(meters.counter("hub.crypto.legacy.opened").count()).isZero();
    }

    @Test
    void aCiphertextMovedToAnotherRowFailsToOpen() {
        PayloadCipher.Sealed sealed = cipher.seal(payload, "inbox_event", "row-1");
        assertThatThrownBy(() -> cipher.open(sealed, "inbox_event", "row-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed for another row")
                .hasMessageNotContaining("anna");
    }

    @Test
    void aCiphertextMovedToAnotherTableFailsToOpen() {
        PayloadCipher.Sealed sealed = cipher.seal(payload, "subject", "id-7");
        assertThatThrownBy(() -> cipher.open(sealed, "erasure_case", "id-7")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPayloadSealedBeforeRowBindingStillOpensAndIsCounted() throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher legacy = Cipher.getInstance("AES/GCM/NoPadding");
        legacy.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
        legacy.updateAAD("k1".getBytes(StandardCharsets.UTF_8)); // how rows were sealed before V10
        byte[] ciphertext = legacy.doFinal(payload);
        byte[] stored = new byte[12 + ciphertext.length];
        System.arraycopy(nonce, 0, stored, 0, 12);
        System.arraycopy(ciphertext, 0, stored, 12, ciphertext.length);

        assertThat(cipher.open(new PayloadCipher.Sealed("k1", stored), "inbox_event", "any")).isEqualTo(payload);
        assertThat(meters.counter("hub.crypto.legacy.opened").count()).isEqualTo(1.0);
    }

    @Test
    void aDamagedCiphertextFails() {
        PayloadCipher.Sealed sealed = cipher.seal(payload, "failed_message", "f-1");
        sealed.bytes()[20] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed, "failed_message", "f-1")).isInstanceOf(IllegalStateException.class);
    }
}
