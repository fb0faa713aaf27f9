package dk.consenthub.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens of the configured identity provider: a decoder that checks the signature against the provider's
 * keys (and expiry, issuer and audience), and the hub roles the token grants.
 */
final class OidcTokens {

    private OidcTokens() {
    }

    static JwtDecoder decoder(AdminProperties.Oidc oidc) {
        OAuth2TokenValidator<Jwt> validator = validator(oidc);
        if (oidc.publicKeyLocation() != null) {
            return validated(NimbusJwtDecoder.withPublicKey(publicKey(oidc)).build(), validator);
        }
        if (oidc.jwkSetUri() != null) {
            return validated(NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri().toString()).build(), validator);
        }
        // discovery waits for the first token, so the hub starts while the provider is down
        return new SupplierJwtDecoder(() -> validated(
                (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuerUri().toString()), validator));
    }

    static Converter<Jwt, JwtAuthenticationToken> roles(AdminProperties.Oidc oidc) {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(oidc, jwt), jwt.getClaimAsString(oidc.nameClaim()));
    }

    static Set<GrantedAuthority> authorities(AdminProperties.Oidc oidc, Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : claimValues(jwt.getClaims(), oidc.rolesClaim())) {
            String hubRole = oidc.roleMapping().getOrDefault(role, role.toUpperCase(Locale.ROOT));
            if (hubRole.equals(SecurityConfiguration.VIEWER) || hubRole.equals(SecurityConfiguration.OPERATOR)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + hubRole));
            }
        }
        return authorities;
    }

    private static List<String> claimValues(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            values.addAll(List.of(text.trim().split("[\\s,]+")));
        }
        return values;
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(AdminProperties.Oidc oidc) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(oidc.issuerUri().toString()));
        validators.add(new JwtClaimValidator<List<String>>("aud",
                audience -> audience != null && audience.contains(oidc.audience())));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static RSAPublicKey publicKey(AdminProperties.Oidc oidc) {
        try (InputStream pem = oidc.publicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("hub.admin.oidc.public-key-location cannot be read", e);
        }
    }
}
