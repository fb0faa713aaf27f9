package dk.consenthub.newsletter;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mailchimp Marketing API v3 settings.
 *
 * @param baseUrl {@code https://<dc>.api.mailchimp.com/3.0}, the dc being the part of the API key after the dash
 * @param apiKey sent as the password of HTTP Basic auth
 * @param listId the audience the clinic's newsletter uses
 * @param sendFirstName whether {@code merge_fields.FNAME} may leave the clinic
 * @param webhookToken secret path segment of {@code /webhooks/mailchimp/{token}}
 * @param doubleOptIn whether a renewed grant after a withdrawal re-subscribes as {@code pending} (Mailchimp then
 *     asks the person to confirm) rather than {@code subscribed}
 * @param marketingPermissionIds the audience's GDPR marketing permission ids a newsletter grant or withdrawal sets
 * @param batchThreshold a reconcile run with more changes than this writes them in batches ({@code POST /lists/{id}},
 *     up to 500 members each) instead of one request per member
 */
@Validated
@ConfigurationProperties("hub.mailchimp")
public record MailchimpProperties(
        @NotBlank @URL String baseUrl,
        @NotBlank String apiKey,
        @NotBlank String listId,
        @DefaultValue("false") boolean sendFirstName,
        @NotBlank String webhookToken,
        @DefaultValue("true") boolean doubleOptIn,
        @DefaultValue List<@NotBlank String> marketingPermissionIds,
        @Min(0) @DefaultValue("50") int batchThreshold) {

    /** Secrets stay out of logs and error reports. */
    @Override
    public String toString() {
        return "MailchimpProperties[baseUrl=" + baseUrl + ", listId=" + listId + ", doubleOptIn=" + doubleOptIn + "]";
    }
}
