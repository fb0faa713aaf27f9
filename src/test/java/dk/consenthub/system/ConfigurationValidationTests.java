package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.consenthub.ConsentHubApplication;
import dk.consenthub.support.SandboxTestEnvironment;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Bad configuration stops the hub at startup with a message that names the property. */
class ConfigurationValidationTests {

    /** Starts the hub with test defaults, each overridden by an argument of the same name. */
    static ConfigurableApplicationContext start(String... args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.data-dir", Files.createTempDirectory("consent-hub-config-test").toString());
        settings.put("hub.sandbox.gecko-port", String.valueOf(SandboxTestEnvironment.freePort()));
        settings.put("hub.sandbox.mailchimp-port", String.valueOf(SandboxTestEnvironment.freePort()));
        settings.put("hub.sandbox.google-port", String.valueOf(SandboxTestEnvironment.freePort()));
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        for (String arg : args) {
            String[] pair = arg.substring(2).split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        List<String> all = new ArrayList<>();
        settings.forEach((key, value) -> all.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(ConsentHubApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(all.toArray(String[]::new));
    }

    @Nested
    class BadValues {

        @Test
        void aNegativePortNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.sandbox.gecko-port=-1"))
                    .hasStackTraceContaining("hub.sandbox.gecko-port")
                    .hasStackTraceContaining("greater than or equal to 1");
        }

        @Test
        void everyBadValueIsNamedAtOnce() {
            assertThatThrownBy(() -> start("--hub.inbox.batch-size=0", "--hub.erasure.concurrency=0",
                    "--hub.failed.replay-rate=0"))
                    .hasStackTraceContaining("3 settings are invalid")
                    .hasStackTraceContaining("hub.inbox.batch-size")
                    .hasStackTraceContaining("hub.erasure.concurrency")
                    .hasStackTraceContaining("hub.failed.replay-rate");
        }

        @Test
        void aMalformedUrlNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.mailchimp.base-url=ht!tp:/nowhere"))
                    .hasStackTraceContaining("hub.mailchimp.base-url")
                    .hasStackTraceContaining("must be a valid URL");
        }

        @Test
        void aMissingWebhookTokenNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.booking.webhook-token="))
                    .hasStackTraceContaining("hub.booking.webhook-token");
        }

        @Test
        void anEncryptionKeyOfTheWrongLengthNamesTheKey() {
            assertThatThrownBy(() -> start("--hub.crypto.keys.sandbox-1=c2hvcnQ="))
                    .hasStackTraceContaining("hub.crypto.keys.sandbox-1 must be 32 bytes");
        }

        @Test
        void anUnknownActiveKeyIsRefused() {
            assertThatThrownBy(() -> start("--hub.crypto.active-key-id=nope"))
                    .hasStackTraceContaining("hub.crypto.active-key-id");
        }

        @Test
        void aMalformedReconcileCronNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.reconcile.full-cron=every night"))
                    .hasStackTraceContaining("hub.reconcile.full-cron must be a Quartz cron expression");
        }

        @Test
        void anAdminUserWithAPlainPasswordNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.admin.users[0].name=anne",
                    "--hub.admin.users[0].password-hash=secret", "--hub.admin.users[0].roles=VIEWER"))
                    .hasStackTraceContaining("hub.admin.users[0].passwordHash")
                    .hasStackTraceContaining("must be a bcrypt hash");
        }

        @Test
        void anOidcRoleMappedToAnUnknownRoleNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.admin.oidc.jwk-set-uri=https://idp.example/keys",
                    "--hub.admin.oidc.issuer-uri=https://idp.example", "--hub.admin.oidc.audience=consent-hub",
                    "--hub.admin.oidc.role-mapping.ops=ADMIN"))
                    .hasStackTraceContaining("hub.admin.oidc.roleMapping[ops]");
        }

        @Test
        void oidcWithoutIssuerOrAudienceIsRefused() {
            assertThatThrownBy(() -> start("--hub.admin.oidc.jwk-set-uri=https://idp.example/keys"))
                    .hasStackTraceContaining("hub.admin.oidc.issuer-uri is required when OIDC is enabled");
            assertThatThrownBy(() -> start("--hub.admin.oidc.jwk-set-uri=https://idp.example/keys",
                    "--hub.admin.oidc.issuer-uri=https://idp.example"))
                    .hasStackTraceContaining("hub.admin.oidc.audience is required when OIDC is enabled");
        }

        @Test
        void aBatchThresholdBelowZeroNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.mailchimp.batch-threshold=-1"))
                    .hasStackTraceContaining("hub.mailchimp.batch-threshold")
                    .hasStackTraceContaining("greater than or equal to 0");
        }

        @Test
        void aReplayRateOfZeroNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.failed.replay-rate=0"))
                    .hasStackTraceContaining("hub.failed.replay-rate");
        }

        @Test
        void aDefaultReplayRateAboveTheMaximumNamesBoth() {
            assertThatThrownBy(() -> start("--hub.failed.replay-rate=20", "--hub.failed.max-replay-rate=10"))
                    .hasStackTraceContaining("hub.failed.replay-rate must not exceed hub.failed.max-replay-rate");
        }

        @Test
        void aMalformedRetentionCronNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.failed.retention-cron=daily"))
                    .hasStackTraceContaining("hub.failed.retention-cron must be a Quartz cron expression");
        }

        @Test
        void aCircuitThresholdAboveAHundredNamesTheProperty() {
            assertThatThrownBy(() -> start("--hub.egress.circuit-breaker.mailchimp.failure-rate-threshold=150"))
                    .hasStackTraceContaining("hub.egress.circuit-breaker.mailchimp")
                    .hasStackTraceContaining("failureRateThreshold")
                    .hasStackTraceContaining("must be less than or equal to 100");
        }

        @Test
        void aMissingStubFolderIsAStartupError() {
            assertThatThrownBy(() -> start("--hub.sandbox.mappings-dir=/nonexistent/mappings"))
                    .hasStackTraceContaining("hub.sandbox.mappings-dir");
        }

        @Test
        void anEmptyStubFolderIsAStartupError() throws Exception {
            var empty = Files.createTempDirectory("no-stubs");
            Files.createDirectories(empty.resolve("gecko"));
            Files.createDirectories(empty.resolve("mailchimp"));
            Files.createDirectories(empty.resolve("google"));
            assertThatThrownBy(() -> start("--hub.sandbox.mappings-dir=" + empty))
                    .hasStackTraceContaining("Sandbox gecko: no stubs loaded");
        }
    }

    @Nested
    class ProductionProfile {

        @Test
        void refusesToStartNamingEverySandboxSettingAndMissingSecret() {
            assertThatThrownBy(() -> start("--spring.profiles.active=production", "--hub.sandbox.enabled=true"))
                    .hasStackTraceContaining("hub.sandbox.enabled is true")
                    .hasStackTraceContaining("hub.booking.api-token is not set")
                    .hasStackTraceContaining("hub.booking.webhook-token is not set")
                    .hasStackTraceContaining("hub.mailchimp.api-key is not set")
                    .hasStackTraceContaining("hub.mailchimp.webhook-token is not set")
                    .hasStackTraceContaining("hub.crypto.active-key-id is not set")
                    .hasStackTraceContaining("hub.crypto.hash-secret is not set")
                    .hasStackTraceContaining("hub.mailchimp.base-url is not set");
        }

        @Test
        void refusesSandboxEndpoints() {
            assertThatThrownBy(() -> start("--spring.profiles.active=production",
                    "--hub.mailchimp.base-url=http://localhost:8092/3.0"))
                    .hasStackTraceContaining("hub.mailchimp.base-url points at this machine");
        }

        @Test
        void refusesGoogleAnalyticsPropertiesWithoutAServiceAccountKey() {
            assertThatThrownBy(() -> start("--spring.profiles.active=production", "--hub.analytics.property-ids=123456789"))
                    .hasStackTraceContaining("hub.analytics.credentials-file is not set");
        }

        @Test
        void startsWhenEverythingIsConfigured() throws Exception {
            try (ConfigurableApplicationContext context = start("--spring.profiles.active=production",
                    "--hub.booking.api-token=t", "--hub.booking.webhook-token=" + StartupSecretsTests.LONG + "w",
                    "--hub.booking.signing-secret=" + StartupSecretsTests.LONG + "s",
                    "--hub.mailchimp.base-url=https://us12.api.mailchimp.com/3.0", "--hub.mailchimp.api-key=k-us12",
                    "--hub.mailchimp.list-id=l", "--hub.mailchimp.webhook-token=" + StartupSecretsTests.LONG + "m",
                    "--hub.crypto.active-key-id=prod-1", "--hub.crypto.keys.prod-1=" + StartupSecretsTests.RANDOM_KEY,
                    "--hub.crypto.hash-secret=" + StartupSecretsTests.LONG + "h", "--hub.inbox.poll-delay=60000")) {
                assertThat(context.getBeansOfType(SandboxServers.class)).isEmpty();
            }
        }
    }
}
