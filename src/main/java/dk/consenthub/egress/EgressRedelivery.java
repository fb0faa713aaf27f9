package dk.consenthub.egress;

import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.LoggingLevel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EgressRedelivery {

    /**
     * In-flight retries of every {@code egress-<system>} route ({@code redeliveryPolicyRef: egressRedeliveryPolicy}):
     * exponential backoff with jitter, from {@code hub.egress.*}. A {@code Retry-After} answer overrides the next
     * delay through the {@code CamelRedeliveryDelay} header. Bodies are never logged.
     */
    @Bean
    RedeliveryPolicy egressRedeliveryPolicy(EgressProperties properties) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(properties.maxRedeliveries());
        policy.setRedeliveryDelay(properties.redeliveryDelay().toMillis());
        policy.setMaximumRedeliveryDelay(properties.maxRedeliveryDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        policy.setLogExhaustedMessageBody(false);
        return policy;
    }
}
