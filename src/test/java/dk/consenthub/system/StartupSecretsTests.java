package dk.consenthub.system;

import static dk.consenthub.system.ConfigurationValidationTests.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside sandbox mode, whatever the profile, the hub does not start on the repository's public secrets, short
 * tokens or a passphrase posing as a key; it names each property and never its value. Sandbox mode listens on
 * loopback only unless told otherwise.
 */
class StartupSecretsTests {

    static final String LONG = "0123456789abcdef0123456789abcdef";
    static final String RANDOM_KEY = randomKey();

    static final String SANDBOX_KEY = "c2FuZGJveC1rZXktbm90LWZvci1wcm9kdWN0aW9uISE=";

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void outsideSandboxModeTheRepositorysSecretsAreRefusedByNameWithoutAProfile() {
        assertThatThrownBy(() -> start("--hub.sandbox.enabled=false"))
                .hasStackTraceContaining("refuses to start outside sandbox mode")
                .hasStackTraceContaining("hub.booking.api-token is the repository's sandbox value")
                .hasStackTraceContaining("hub.booking.webhook-token is the repository's sandbox value")
                .hasStackTraceContaining("hub.booking.signing-secret is the repository's sandbox value")
                .hasStackTraceContaining("hub.mailchimp.api-key is the repository's sandbox value")
                .hasStackTraceContaining("hub.mailchimp.webhook-token is the repository's sandbox value")
                .hasStackTraceContaining("hub.crypto.hash-secret is the repository's sandbox value")
                .hasStackTraceContaining("hub.admin.sandbox-password is the repository's sandbox value")
                .hasStackTraceContaining("hub.crypto.keys.sandbox-1 is the repository's sandbox key")
                .satisfies(refused -> assertThat(stackTrace(refused)).doesNotContain("sandbox-gecko-webhook-token")
                        .doesNotContain("sandbox-hash-secret-not-for-production").doesNotContain(SANDBOX_KEY));
    }

    @Test
    void shortTokensAndSecretsAreRefusedByName() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production", "--hub.booking.webhook-token=a",
                "--hub.mailchimp.webhook-token=short-token", "--hub.crypto.hash-secret=0123456789",
                "--hub.booking.signing-secret=s3cr3t"))
                .hasStackTraceContaining("hub.booking.webhook-token is shorter than 32 characters")
                .hasStackTraceContaining("hub.mailchimp.webhook-token is shorter than 32 characters")
                .hasStackTraceContaining("hub.crypto.hash-secret is shorter than 32 characters")
                .hasStackTraceContaining("hub.booking.signing-secret is shorter than 32 characters")
                .satisfies(refused -> assertThat(stackTrace(refused)).doesNotContain("short-token").doesNotContain("s3cr3t"));
    }

    @Test
    void aPassphraseOrTheSandboxKeyUnderAnotherNameIsNotAKey() {
        String passphrase = Base64.getEncoder().encodeToString("correct horse battery staple!!!!".getBytes());
        assertThatThrownBy(() -> start("--hub.sandbox.enabled=false", "--hub.crypto.active-key-id=prod-1",
                "--hub.crypto.keys.prod-1=" + passphrase, "--hub.crypto.keys.prod-0=" + SANDBOX_KEY))
                .hasStackTraceContaining("hub.crypto.keys.prod-1 is not 32 random bytes in base64")
                .hasStackTraceContaining("hub.crypto.keys.prod-0 is not 32 random bytes in base64");
    }

    @Test
    void aRandomKeyPasses() {
        assertThat(SecretChecks.isRandomKey(RANDOM_KEY)).isTrue();
        assertThat(SecretChecks.isRandomKey(SANDBOX_KEY)).isFalse();
        assertThat(SecretChecks.isRandomKey(Base64.getEncoder().encodeToString(new byte[32]))).isFalse();
        assertThat(SecretChecks.isRandomKey("not base64!")).isFalse();
    }

    @Test
    void sandboxModeListensOnLoopbackUnlessAnAddressIsSet() throws Exception {
        try (ConfigurableApplicationContext context = start("--hub.inbox.poll-delay=60000")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        }
        try (ConfigurableApplicationContext context = start("--hub.inbox.poll-delay=60000", "--server.address=0.0.0.0")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
    }

    static String stackTrace(Throwable failure) {
        java.io.StringWriter out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
