package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class OidcTokensTests {

    static AdminProperties.Oidc oidc(String rolesClaim, Map<String, String> mapping) {
        return new AdminProperties.Oidc(null, null, null, null, rolesClaim, "sub", mapping);
    }

    static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("olga").claims(c -> c.putAll(claims)).build();
    }

    static List<String> roles(AdminProperties.Oidc oidc, Map<String, Object> claims) {
        return OidcTokens.authorities(oidc, jwt(claims)).stream().map(GrantedAuthority::getAuthority).toList();
    }

    static final String ISSUER = "https://idp.example/realms/clinic";

    @Nested
    class Configuration {

        @Test
        void isOffUntilAnIssuerKeySetOrKeyIsGiven() {
            assertThat(oidc("roles", Map.of()).enabled()).isFalse();
            assertThat(new AdminProperties.Oidc(java.net.URI.create("https://idp"), java.net.URI.create("https://idp/keys"),
                    null, "consent-hub", "roles", "sub", Map.of()).enabled()).isTrue();
        }

        @Test
        void anEnabledProviderNeedsIssuerAndAudience() {
            assertThatThrownBy(() -> new AdminProperties.Oidc(null, java.net.URI.create("https://idp/keys"), null,
                    "consent-hub", "roles", "sub", Map.of())).hasMessageContaining("issuer-uri is required");
            assertThatThrownBy(() -> new AdminProperties.Oidc(java.net.URI.create("https://idp"), null, null, " ",
                    "roles", "sub", Map.of())).hasMessageContaining("audience is required");
        }
    }

    @Nested
    class Roles {

        @Test
        void hubRoleNamesCountAsTheyAreInAnyCase() {
            assertThat(roles(oidc("roles", Map.of()), Map.of("roles", List.of("viewer", "OPERATOR", "admin"))))
                    .containsExactly("ROLE_VIEWER", "ROLE_OPERATOR");
        }

        @Test
        void aSpaceSeparatedClaimWorksToo() {
            assertThat(roles(oidc("scope", Map.of()), Map.of("scope", "openid VIEWER profile")))
                    .containsExactly("ROLE_VIEWER");
        }

        @Test
        void aDottedPathReachesIntoTheToken() {
            assertThat(roles(oidc("realm_access.roles", Map.of("hub-ops", "OPERATOR")),
                    Map.of("realm_access", Map.of("roles", List.of("hub-ops", "offline_access")))))
                    .containsExactly("ROLE_OPERATOR");
        }

        @Test
        void noClaimNoRoles() {
            assertThat(roles(oidc("roles", Map.of()), Map.of("groups", List.of("OPERATOR")))).isEmpty();
        }

        @Test
        void theAuditNameComesFromTheNameClaim() {
            var oidc = new AdminProperties.Oidc(null, null, null, null, "roles", "preferred_username", Map.of());

            assertThat(OidcTokens.roles(oidc).convert(jwt(Map.of("preferred_username", "olga.k"))).getName())
                    .isEqualTo("olga.k");
        }
    }

    @Nested
    class PublicKey {

        @Test
        void verifiesTheSignatureAgainstTheConfiguredKey() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048).generate();
            Path pem = Files.createTempFile("idp", ".pem");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            var decoder = OidcTokens.decoder(new AdminProperties.Oidc(java.net.URI.create(ISSUER), null,
                    new FileSystemResource(pem), "consent-hub", "roles", "sub", Map.of()));

            assertThat(decoder.decode(sign(key, "consent-hub")).getSubject()).isEqualTo("olga");
            assertThatThrownBy(() -> decoder.decode(sign(new RSAKeyGenerator(2048).generate(), "consent-hub")))
                    .isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> decoder.decode(sign(key, "another-app"))).isInstanceOf(JwtException.class);
        }

        String sign(RSAKey key, String audience) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("olga")
                    .issuer(ISSUER).audience(audience).expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }
}
