package dk.consenthub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Outside sandbox mode the hub runs on nobody's public secrets: no secret or key may keep the value committed in
 * the repository's {@code application.yaml}, tokens and secrets must be long, and payload keys must be 32 random
 * bytes. Problems name the property, never its value.
 */
final class SecretChecks {

    /** Secrets compared with the repository's defaults. */
    static final List<String> SECRETS = List.of("hub.booking.api-token", "hub.booking.webhook-token",
            "hub.booking.signing-secret", "hub.mailchimp.api-key", "hub.mailchimp.webhook-token", "hub.crypto.hash-secret",
            "hub.admin.sandbox-password");

    /** Secrets an attacker could guess or brute-force if short: at least {@link #MIN_LENGTH} characters. */
    static final List<String> LONG_SECRETS = List.of("hub.booking.webhook-token", "hub.booking.signing-secret",
            "hub.mailchimp.webhook-token", "hub.crypto.hash-secret");

    static final int MIN_LENGTH = 32;

    private SecretChecks() {
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<PropertySource<?>> defaults = repositoryDefaults();
        List<String> problems = new ArrayList<>();
        for (String secret : SECRETS) {
            String value = env.getProperty(secret);
            if (!isBlank(value) && isRepositoryDefault(defaults, secret, value)) {
                problems.add(secret + " is the repository's sandbox value (public): set your own");
            }
        }
        for (String secret : LONG_SECRETS) {
            String value = env.getProperty(secret);
            if (!isBlank(value) && value.length() < MIN_LENGTH) {
                problems.add(secret + " is shorter than " + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
            }
        }
        Map<String, String> keys = Binder.get(env).bind("hub.crypto.keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        keys.forEach((id, encoded) -> {
            if (isBlank(encoded)) {
                return;
            }
            String property = "hub.crypto.keys." + id;
            if (isRepositoryDefault(defaults, property, encoded)) {
                problems.add(property + " is the repository's sandbox key (public): set your own");
            } else if (!isRandomKey(encoded)) {
                problems.add(property + " is not 32 random bytes in base64 (e.g. openssl rand -base64 32)");
            }
        });
        return problems;
    }

    /**
     * 32 bytes of base64 that look random: not all printable text (a passphrase typed into a key is not a key) and
     * with many different byte values. Random bytes are all printable with a chance of about 10^-14.
     */
    static boolean isRandomKey(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (raw.length != 32) {
            return false;
        }
        boolean allText = true;
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : raw) {
            int unsigned = b & 0xff;
            allText &= unsigned >= 0x20 && unsigned < 0x7f;
            if (!seen[unsigned]) {
                seen[unsigned] = true;
                distinct++;
            }
        }
        return !allText && distinct >= 16;
    }

    private static boolean isRepositoryDefault(List<PropertySource<?>> defaults, String property, String value) {
        return defaults.stream().map(source -> source.getProperty(property))
                .anyMatch(committed -> committed != null && value.trim().equals(committed.toString().trim()));
    }

    private static List<PropertySource<?>> repositoryDefaults() {
        try {
            return new YamlPropertySourceLoader().load("repository-defaults", new ClassPathResource("application.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("application.yaml could not be read", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
