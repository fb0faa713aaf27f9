package dk.consenthub.analytics;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Google Analytics user deletion.
 *
 * @param adminBaseUrl GA4 Admin API, {@code https://analyticsadmin.googleapis.com}
 * @param legacyBaseUrl legacy User Deletion API, {@code https://www.googleapis.com}
 * @param propertyIds GA4 property ids (digits) whose user data the clinic may hold
 */
@Validated
@ConfigurationProperties("hub.analytics")
public record AnalyticsProperties(
        @NotBlank @URL @DefaultValue("https://analyticsadmin.googleapis.com") String adminBaseUrl,
        @NotBlank @URL @DefaultValue("https://www.googleapis.com") String legacyBaseUrl,
        @NotNull @DefaultValue List<@Pattern(regexp = "[0-9]{1,20}", message = "must be a numeric GA4 property id") String> propertyIds) {
}
