package dk.consenthub.booking;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Gecko Booking connection and webhook settings.
 *
 * @param baseUrl REST base, e.g. {@code https://app.geckobooking.dk/api/v1}
 * @param apiToken bearer token for the REST API
 * @param webhookToken secret path segment of {@code /webhooks/gecko/{token}}
 */
@Validated
@ConfigurationProperties("hub.booking")
public record BookingProperties(
        @NotBlank @URL String baseUrl,
        @NotBlank String apiToken,
        @NotBlank String webhookToken) {
}
