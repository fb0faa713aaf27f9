package dk.consenthub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole hub in sandbox mode, on a random port, with its own stub servers and H2 database; admins: the sandbox
 * {@code admin} (OPERATOR), {@link #VIEWER} (VIEWER only), and Bearer tokens of the {@link TestIdentityProvider}.
 * A test meets it through an injected {@link Hub}, which {@link HubTestExtension} resets after each test; customer
 * ids and addresses come from {@link TestIds}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@ExtendWith(HubTestExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.egress.redelivery-delay=20",
        "hub.egress.max-redelivery-delay=2000",
        "hub.inbox.poll-delay=50",
        "hub.inbox.retry-delay=200",
        "hub.erasure.poll-delay=50",
        "hub.erasure.retry-delay=200ms",
        "hub.analytics.requests-per-second=1000",
        "hub.erasure.retention-cron=0 0 0 1 1 ? 2099",
        "hub.erasure.deadline-cron=0 0 0 1 1 ? 2099",
        "hub.access.poll-delay=50",
        "hub.access.retry-delay=200ms",
        // expired access reports are purged when a test calls it
        "hub.access.purge-cron=0 0 0 1 1 ? 2099",
        // reconcile runs only when a test starts one (a schedule test sets its own cron)
        "hub.reconcile.incremental-cron=0 0 0 1 1 ? 2099",
        "hub.reconcile.full-cron=0 0 0 1 1 ? 2099",
        // the failed-message purge runs when a test calls it
        "hub.failed.retention-cron=0 0 0 1 1 ? 2099",
        "hub.inbox.retention-cron=0 0 0 1 1 ? 2099",
        // key rotation runs when a test calls it; a retired key beside the sandbox key, for rows sealed before it
        "hub.crypto.rotation-cron=0 0 0 1 1 ? 2099",
        "hub.crypto.keys." + HubIntegrationTest.RETIRED_KEY_ID + "=" + HubIntegrationTest.RETIRED_KEY,
        "hub.failed.replay-poll-delay=100",
        // Mailchimp's and Google's circuits stay closed in tests, so outage tests can count every request they cause;
        // Gecko's opens after six failures in a row (a single outage's five requests do not) and half-opens after 3 s
        // (they would open only if 2000 calls in a row failed)
        "hub.egress.circuit-breaker.mailchimp.failure-rate-threshold=100",
        "hub.egress.circuit-breaker.mailchimp.minimum-number-of-calls=2000",
        "hub.egress.circuit-breaker.mailchimp.sliding-window-size=2000",
        "hub.egress.circuit-breaker.google.failure-rate-threshold=100",
        "hub.egress.circuit-breaker.google.minimum-number-of-calls=2000",
        "hub.egress.circuit-breaker.google.sliding-window-size=2000",
        "hub.egress.circuit-breaker.gecko.failure-rate-threshold=100",
        "hub.egress.circuit-breaker.gecko.sliding-window-size=6",
        "hub.egress.circuit-breaker.gecko.minimum-number-of-calls=6",
        "hub.egress.circuit-breaker.gecko.wait-in-open-state=3s",
        // a read-only admin beside the sandbox admin (password: viewer-password)
        "hub.admin.users[0].name=" + HubIntegrationTest.VIEWER,
        "hub.admin.users[0].password-hash=$2a$10$W3C771XgEisNMuF0PyGG3eunO1KMlhmqtKvtgiQMOIETYDQhUmosG",
        "hub.admin.users[0].roles=VIEWER"})
@ContextConfiguration(initializers = {SandboxTestEnvironment.class, TestIdentityProvider.class})
public @interface HubIntegrationTest {

    String VIEWER = "viewer";
    /** A key the hub can still open but no longer seals with (key rotation). */
    String RETIRED_KEY_ID = "retired-0";
    String RETIRED_KEY = "EO5BRyULt9Qfhs96XJPjgsuHkmeqhtXMABYYo4Q5/6o=";
    String VIEWER_PASSWORD = "viewer-password";
}
