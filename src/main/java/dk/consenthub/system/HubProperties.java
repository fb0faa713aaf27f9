package dk.consenthub.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Top-level settings of the hub. */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        /* Directory for the H2 database and anything else the hub keeps on disk. */
        @NotBlank @DefaultValue("./data") String dataDir,
        /* The clinic's time zone: schedules, retention dates and dates Gecko writes as unix seconds. */
        @NotNull @DefaultValue("Europe/Copenhagen") ZoneId zone) {
}
