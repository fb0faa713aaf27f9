package dk.consenthub.booking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.URL;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Gecko Booking connection and webhook settings.
 *
 * @param baseUrl REST base, e.g. {@code https://app.geckobooking.dk/api/v1}
 * @param apiToken bearer token for the REST API
 * @param webhookToken secret path segment of {@code /webhooks/gecko/{token}}
 * @param signingSecret HMAC-SHA256 key of the signed webhook {@code /webhooks/gecko}; signed mode is optional, so
 *        it may be blank, and then that endpoint refuses every delivery (401)
 * @param signatureWindow how far a signed delivery's timestamp may be from the hub's clock, behind or ahead; a
 *        shorter window refuses honest senders with a skewed clock, a longer one keeps more seen signatures
 * @param writeBack whether newsletter withdrawals made in Mailchimp are written back to the Gecko customer; while
 *        off, they are listed for staff
 */
@Validated
@ConfigurationProperties("hub.booking")
public record BookingProperties(
        @NotBlank @URL String baseUrl,
        @NotBlank String apiToken,
        @NotBlank String webhookToken,
        @DefaultValue("") String signingSecret,
        @NotNull @DurationMin(seconds = 30) @DurationMax(hours = 1) @DefaultValue("300s") Duration signatureWindow,
        @DefaultValue("false") boolean writeBack) {

    /** Secrets stay out of logs and error reports. */
    @Override
    public String toString() {
        return "BookingProperties[baseUrl=" + baseUrl + ", signatureWindow=" + signatureWindow + ", writeBack=" + writeBack + "]";
    }
}
