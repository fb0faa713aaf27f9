package dk.consenthub.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin API and page.
 *
 * @param sandboxPassword password of the user {@code admin} while sandbox mode is on
 * @param users configured users with bcrypt password hashes
 * @param oidc an identity provider whose Bearer tokens are accepted; off unless an issuer, key set or key is set
 * @param loginThrottle how failed password logins (form and HTTP Basic) lock a user name and a client address out
 */
@Validated
@ConfigurationProperties("hub.admin")
public record AdminProperties(
        String sandboxPassword,
        @Valid @DefaultValue List<User> users,
        @Valid @DefaultValue Oidc oidc,
        @Valid @DefaultValue LoginThrottle loginThrottle) {

    static final String ROLE_PATTERN = "VIEWER|OPERATOR";

    /** @param passwordHash a bcrypt hash, {@code $2a$...}; never a plain password */
    public record User(
            @NotBlank String name,
            @NotBlank @Pattern(regexp = "\\$2[aby]?\\$\\d\\d\\$.{53}", message = "must be a bcrypt hash") String passwordHash,
            @NotEmpty List<@Pattern(regexp = ROLE_PATTERN) String> roles) {
    }

    /**
     * An OIDC provider as a resource server: tokens are verified against the provider's keys.
     *
     * @param issuerUri the provider's issuer; keys are discovered from it, and the {@code iss} claim must match it
     * @param jwkSetUri the provider's JWK set, when it is not discovered from the issuer
     * @param publicKeyLocation an RSA public key (PEM, X.509) when the provider publishes no key set
     * @param audience when set, the {@code aud} claim must contain it
     * @param rolesClaim the claim holding the roles: a list or a space-separated string; a dotted path reaches into
     *                   objects ({@code realm_access.roles})
     * @param nameClaim the claim naming the admin in the audit log
     * @param roleMapping provider role name to hub role; without an entry, {@code VIEWER} and {@code OPERATOR} map
     *                    to themselves
     */
    public record Oidc(
            URI issuerUri,
            URI jwkSetUri,
            Resource publicKeyLocation,
            String audience,
            @NotBlank @DefaultValue("roles") String rolesClaim,
            @NotBlank @DefaultValue("sub") String nameClaim,
            @DefaultValue Map<String, @Pattern(regexp = ROLE_PATTERN) String> roleMapping) {

        /** Enabled by any key source; then the issuer and the audience are required, so no other token passes. */
        public Oidc {
            if (issuerUri != null || jwkSetUri != null || publicKeyLocation != null) {
                if (issuerUri == null) {
                    throw new IllegalArgumentException("hub.admin.oidc.issuer-uri is required when OIDC is enabled");
                }
                if (audience == null || audience.isBlank()) {
                    throw new IllegalArgumentException("hub.admin.oidc.audience is required when OIDC is enabled");
                }
            }
        }

        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null || publicKeyLocation != null;
        }
    }

    /**
     * Password guessing is slowed per user name and per client address, in memory on each node. Only failures count;
     * a user name is strict, an address generous (many admins may sit behind one proxy). Reaching a limit within the
     * window locks the name or address out: every attempt, even with the right password, is refused (429) until the
     * lockout ends. Each further lockout of the same name or address doubles, up to {@code maxLockout}; a name or
     * address quiet for a whole window is forgotten, and a successful login clears its user name.
     *
     * @param enabled whether logins are throttled at all
     * @param maxFailuresPerUser failed logins with one user name (any address) that lock it out
     * @param maxFailuresPerAddress failed logins from one client address (any user name) that lock it out
     * @param window the period failures are counted in, and the quiet time after which they are forgotten
     * @param lockout the first lockout
     * @param maxLockout the longest lockout
     */
    public record LoginThrottle(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("5") int maxFailuresPerUser,
            @Min(1) @DefaultValue("50") int maxFailuresPerAddress,
            @NotNull @DefaultValue("15m") Duration window,
            @NotNull @DefaultValue("1m") Duration lockout,
            @NotNull @DefaultValue("1h") Duration maxLockout) {
    }
}
