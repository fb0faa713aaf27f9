package dk.consenthub.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin API.
 *
 * @param sandboxPassword password of the user {@code admin} while sandbox mode is on
 * @param users configured users with bcrypt password hashes
 */
@Validated
@ConfigurationProperties("hub.admin")
public record AdminProperties(
        String sandboxPassword,
        @Valid @DefaultValue List<User> users) {

    /** @param passwordHash a bcrypt hash, {@code $2a$...}; never a plain password */
    public record User(
            @NotBlank String name,
            @NotBlank @Pattern(regexp = "\\$2[aby]?\\$\\d\\d\\$.{53}", message = "must be a bcrypt hash") String passwordHash,
            @NotEmpty List<@Pattern(regexp = "VIEWER|OPERATOR") String> roles) {
    }
}
