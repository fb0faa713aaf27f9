package dk.consenthub.analytics;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.ZoneId;
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
 * @param credentialsFile a service-account key (JSON); in sandbox mode without one, a throwaway key is made at startup
 * @param tokenUri where access tokens come from (the key file's {@code token_uri} is overridden by this)
 * @param userId which identifier the clinic's site sends to GA as {@code user_id}: {@code none}, or
 *     {@code gecko-customer-id}; then erasure also deletes by it
 * @param legacyUserDeletion also send the legacy {@code userDeletionRequests:upsert} (for a user id)
 * @param dailyQuota user deletions per property and Google quota day (Google: 500)
 * @param requestsPerSecond per property (Google: 1.5)
 * @param quotaZone the time zone of Google's quota day (it resets at midnight Pacific time)
 */
@Validated
@ConfigurationProperties("hub.analytics")
public record AnalyticsProperties(
        @NotBlank @URL @DefaultValue("https://analyticsadmin.googleapis.com") String adminBaseUrl,
        @NotBlank @URL @DefaultValue("https://www.googleapis.com") String legacyBaseUrl,
        @NotNull @DefaultValue List<@Pattern(regexp = "[0-9]{1,20}", message = "must be a numeric GA4 property id") String> propertyIds,
        Path credentialsFile,
        @NotBlank @URL @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
        @NotBlank @Pattern(regexp = "none|gecko-customer-id") @DefaultValue("none") String userId,
        @DefaultValue("false") boolean legacyUserDeletion,
        @Min(1) @DefaultValue("500") int dailyQuota,
        @DecimalMin(value = "0", inclusive = false) @DefaultValue("1.5") double requestsPerSecond,
        @NotNull @DefaultValue("America/Los_Angeles") ZoneId quotaZone) {
}
