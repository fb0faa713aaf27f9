package dk.consenthub.egress;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.ObjectHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per destination, the circuit breaker and concurrency cap its {@code egress-<system>} route uses
 * ({@code circuitBreaker: configuration: egress-<system>}), from {@code hub.egress.circuit-breaker.<system>} and
 * {@code hub.egress.concurrency.<system>}. Registered with Camel before the routes start.
 */
@Configuration(proxyBeanMethods = false)
class EgressResilience {

    /** The circuit of each destination, by name; the gauge {@code hub_egress_circuit_state} shows it. */
    @Bean
    EgressCircuits egressCircuits(List<EgressDestination> destinations, EgressResilienceProperties properties,
                                  MeterRegistry meters) {
        Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();
        for (EgressDestination destination : destinations) {
            CircuitBreaker circuit = CircuitBreaker.of("egress-" + destination.name(),
                    config(properties.circuitFor(destination.name())));
            circuits.put(destination.name(), circuit);
            Gauge.builder("hub.egress.circuit.state", circuit, c -> switch (c.getState()) {
                        case CLOSED -> 0;
                        case OPEN, FORCED_OPEN -> 1;
                        default -> 2;
                    }).description("Circuit of a destination: 0 closed, 1 open, 2 half-open")
                    .tag("destination", destination.name()).register(meters);
        }
        return new EgressCircuits(Map.copyOf(circuits));
    }

    @Bean
    CamelContextConfiguration egressResilienceConfigurations(EgressCircuits circuits, EgressResilienceProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                circuits.byDestination().forEach((name, circuit) -> {
                    camel.getRegistry().bind("egress-" + name + "-circuit", circuit);
                    Resilience4jConfigurationDefinition configuration = new Resilience4jConfigurationDefinition();
                    configuration.setCircuitBreaker("egress-" + name + "-circuit");
                    configuration.setBulkheadEnabled("true");
                    configuration.setBulkheadMaxConcurrentCalls(String.valueOf(properties.concurrencyFor(name)));
                    configuration.setBulkheadMaxWaitDuration(String.valueOf(properties.concurrencyWait().toMillis()));
                    camel.getRegistry().bind("egress-" + name, configuration);
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }

    static CircuitBreakerConfig config(EgressResilienceProperties.Circuit circuit) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(circuit.failureRateThreshold())
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindowSize())
                .minimumNumberOfCalls(Math.min(circuit.minimumNumberOfCalls(), circuit.slidingWindowSize()))
                .waitDurationInOpenState(circuit.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(circuit.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(EgressResilience::isOutage)
                .ignoreException(failure -> ObjectHelper.getException(TerminalEgressException.class, failure) != null)
                .build();
    }

    /** What says the system is unwell: a retryable answer (5xx, 429), a timeout or a connection error. */
    static boolean isOutage(Throwable failure) {
        return ObjectHelper.getException(RetryableEgressException.class, failure) != null
                || ObjectHelper.getException(IOException.class, failure) != null;
    }

    /** The destinations' circuits, for metrics and admins. */
    record EgressCircuits(Map<String, CircuitBreaker> byDestination) {
    }
}
