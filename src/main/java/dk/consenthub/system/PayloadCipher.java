package dk.consenthub.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for payloads the hub keeps for a while (inbox, failed messages, the addresses of subjects and
 * erasure cases). Each sealed payload carries the id of its key so keys can rotate: new payloads use the active key,
 * old ones stay readable while their key is configured.
 *
 * <p>
 * A payload is bound to its row: the associated data names the table, the row id and the key id, so a ciphertext
 * copied into another row (or another table) fails to open. Payloads sealed before rows were bound (associated
 * data: the key id alone) still open through the legacy path; a payload sealed bound never opens through it,
 * because its tag covers the row. Legacy opens are counted ({@code hub.crypto.legacy.opened}).
 */
@Component
public class PayloadCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String BOUND = "consent-hub/row/v2";

    private final String activeKeyId;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Counter legacyOpened;

    public PayloadCipher(CryptoProperties properties, MeterRegistry meters) {
        keys.putAll(decodeKeys(properties));
        this.activeKeyId = properties.activeKeyId();
        this.legacyOpened = meters.counter("hub.crypto.legacy.opened");
    }

    /**
     * The keys, each checked (base64 of 32 bytes), and the active one among them. A blank entry is a key withdrawn by
     * a profile (production blanks the sandbox key).
     */
    static Map<String, SecretKey> decodeKeys(CryptoProperties properties) {
        Map<String, SecretKey> decoded = new HashMap<>();
        properties.keys().forEach((id, encoded) -> {
            if (encoded != null && !encoded.isBlank()) {
                decoded.put(id, decodeKey(id, encoded));
            }
        });
        if (!decoded.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("hub.crypto.active-key-id names a key that is not in hub.crypto.keys");
        }
        return decoded;
    }

    private static SecretKey decodeKey(String id, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hub.crypto.keys." + id + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("hub.crypto.keys." + id + " must be 32 bytes (AES-256), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Seals {@code plaintext} for the row {@code rowId} of {@code table}; only that row can open it. */
    public Sealed seal(byte[] plaintext, String table, String rowId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo(table, rowId, activeKeyId));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
            return new Sealed(activeKeyId, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The key new payloads are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Opens a payload read from the row {@code rowId} of {@code table}; fails when it was sealed for another row. */
    public byte[] open(Sealed sealed, String table, String rowId) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("no key configured for key id " + sealed.keyId());
        }
        try {
            return decrypt(key, sealed, boundTo(table, rowId, sealed.keyId()));
        } catch (AEADBadTagException notBound) {
            try {
                byte[] legacy = decrypt(key, sealed, sealed.keyId().getBytes(StandardCharsets.UTF_8));
                legacyOpened.increment();
                return legacy;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("payload in " + table + " could not be opened with key "
                        + sealed.keyId() + ": sealed for another row, or damaged");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("payload could not be decrypted with key " + sealed.keyId(), e);
        }
    }

    private static byte[] decrypt(SecretKey key, Sealed sealed, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed.bytes(), NONCE_BYTES, sealed.bytes().length - NONCE_BYTES);
    }

    /** Table, row and key, separated by a byte that none of them contains. */
    private static byte[] boundTo(String table, String rowId, String keyId) {
        return String.join("\0", BOUND, table, rowId, keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** A payload sealed under {@code keyId}: 12-byte nonce followed by ciphertext and tag. */
    public record Sealed(String keyId, byte[] bytes) {
    }
}
