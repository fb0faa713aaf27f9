package dk.consenthub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole hub in sandbox mode, on a random port, with its own stub servers and H2 database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
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
        // reconcile runs only when a test starts one (a schedule test sets its own cron)
        "hub.reconcile.incremental-cron=0 0 0 1 1 ? 2099",
        "hub.reconcile.full-cron=0 0 0 1 1 ? 2099"})
@ContextConfiguration(initializers = SandboxTestEnvironment.class)
public @interface HubIntegrationTest {
}
