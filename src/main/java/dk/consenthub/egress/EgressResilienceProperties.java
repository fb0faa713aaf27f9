package dk.consenthub.egress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How each destination is protected from the hub, and the hub from it: a concurrency cap and a circuit breaker
 * per system ({@code hub.egress.concurrency.<system>}, {@code hub.egress.circuit-breaker.<system>.*}). The rest of
 * {@code hub.egress} is {@link EgressProperties}.
 *
 * @param concurrency per destination, the most requests in flight at once (default 10: Mailchimp's limit)
 * @param concurrencyWait how long a request waits for a free slot before it fails (retryably); longer than the
 *     HTTP timeouts, so in practice it waits
 * @param circuitBreaker per destination, when its circuit opens and for how long (defaults: {@link Circuit})
 */
@Validated
@ConfigurationProperties("hub.egress")
public record EgressResilienceProperties(
        @NotNull @DefaultValue Map<String, @Min(1) @Max(100) Integer> concurrency,
        @NotNull @DefaultValue("60s") Duration concurrencyWait,
        @NotNull @DefaultValue Map<String, @Valid Circuit> circuitBreaker) {

    static final int DEFAULT_CONCURRENCY = 10;

    public int concurrencyFor(String destination) {
        return concurrency.getOrDefault(destination, DEFAULT_CONCURRENCY);
    }

    public Circuit circuitFor(String destination) {
        return circuitBreaker.getOrDefault(destination, Circuit.DEFAULTS);
    }

    /**
     * A destination's circuit breaker. Only retryable failures (5xx, 429, timeouts, connection errors) count;
     * a refused request (4xx, blocked) says nothing about the system's health.
     *
     * @param failureRateThreshold percentage of failed calls among the last {@code slidingWindowSize} that opens it
     * @param slidingWindowSize how many recent calls are counted
     * @param minimumNumberOfCalls calls needed before the rate counts at all
     * @param waitInOpenState how long an open circuit fails fast before it lets trial calls through (half-open)
     * @param permittedCallsInHalfOpenState trial calls; their success closes the circuit, a failure opens it again
     */
    public record Circuit(
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
            @Min(1) @Max(10000) @DefaultValue("20") int slidingWindowSize,
            @Min(1) @Max(10000) @DefaultValue("10") int minimumNumberOfCalls,
            @NotNull @DefaultValue("30s") Duration waitInOpenState,
            @Min(1) @Max(100) @DefaultValue("1") int permittedCallsInHalfOpenState) {

        static final Circuit DEFAULTS = new Circuit(50, 20, 10, Duration.ofSeconds(30), 1);
    }
}
