package dk.consenthub.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for payloads the hub keeps for a while (inbox, failed messages). Each sealed payload carries
 * the id of its key so keys can rotate: new payloads use the active key, old ones stay readable while their
 * key is configured.
 */
@Component
public class PayloadCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public PayloadCipher(CryptoProperties properties) {
        // A blank entry is a key withdrawn by a profile (production blanks the sandbox key).
        properties.keys().forEach((id, encoded) -> {
            if (encoded != null && !encoded.isBlank()) {
                keys.put(id, decodeKey(id, encoded));
            }
        });
        if (!keys.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("hub.crypto.active-key-id names a key that is not in hub.crypto.keys");
        }
        this.activeKeyId = properties.activeKeyId();
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

    public Sealed seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
            return new Sealed(activeKeyId, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] open(Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("no key configured for key id " + sealed.keyId());
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, NONCE_BYTES));
            cipher.updateAAD(sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.bytes(), NONCE_BYTES, sealed.bytes().length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("payload could not be decrypted with key " + sealed.keyId(), e);
        }
    }

    /** A payload sealed under {@code keyId}: 12-byte nonce followed by ciphertext and tag. */
    public record Sealed(String keyId, byte[] bytes) {
    }
}
