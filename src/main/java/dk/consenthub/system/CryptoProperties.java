package dk.consenthub.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Keys for encryption at rest and keyed hashing.
 *
 * @param activeKeyId id of the key new payloads are sealed with; older ids stay readable for rotation
 * @param keys key id to base64 encoded 256-bit AES key
 * @param hashSecret secret for keyed hashes (dedup keys, suppression list, pseudonyms)
 * @param rotationCron when rows sealed under an older key are re-sealed under the active one (Quartz cron)
 */
@Validated
@ConfigurationProperties("hub.crypto")
public record CryptoProperties(
        @NotBlank String activeKeyId,
        @NotEmpty Map<String, String> keys,
        @NotBlank String hashSecret,
        @NotBlank @org.springframework.boot.context.properties.bind.DefaultValue("0 20 * * * ?") String rotationCron) {

    public CryptoProperties {
        if (rotationCron != null && !rotationCron.isBlank()
                && !org.quartz.CronExpression.isValidExpression(rotationCron)) {
            throw new IllegalArgumentException("hub.crypto.rotation-cron must be a Quartz cron expression");
        }
    }

    /** Secrets stay out of logs and error reports. */
    @Override
    public String toString() {
        return "CryptoProperties[activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
