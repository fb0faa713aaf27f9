package dk.consenthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An OIDC provider for tests: an RSA key made for this test run, its public JWK set served over HTTP, and tokens
 * signed with it. The hub is configured with the key set's URL, so every token is checked the way a real provider's
 * would be: fetched keys, signature, expiry, issuer, audience.
 */
public class TestIdentityProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ISSUER = "https://idp.test.consent-hub.dk/realms/clinic";
    public static final String AUDIENCE = "consent-hub";
    public static final String ROLES_CLAIM = "realm_access.roles";

    private static final RSAKey KEY = generate("test-key-1");
    private static WireMockServer server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "hub.admin.oidc.jwk-set-uri=" + jwkSetUri(),
                "hub.admin.oidc.issuer-uri=" + ISSUER,
                "hub.admin.oidc.audience=" + AUDIENCE,
                "hub.admin.oidc.roles-claim=" + ROLES_CLAIM,
                "hub.admin.oidc.name-claim=preferred_username",
                "hub.admin.oidc.role-mapping.consent-hub-operator=OPERATOR",
                "hub.admin.oidc.role-mapping.consent-hub-viewer=VIEWER").applyTo(context);
    }

    /** A valid token for the user with the provider's role names (consent-hub-operator, consent-hub-viewer). */
    public static String token(String user, List<String> roles) {
        return token(user, roles, claims -> claims);
    }

    /** A token whose claims a test changes, e.g. to expire it or to name another issuer. */
    public static String token(String user, List<String> roles, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(KEY, change.apply(claims(user, roles)).build());
    }

    /** A well-formed token with the hub's key id, signed by a key the provider never published. */
    public static String forgedToken(String user, List<String> roles) {
        return sign(generate(KEY.getKeyID()), claims(user, roles).build());
    }

    private static JWTClaimsSet.Builder claims(String user, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("subject-of-" + user)
                .claim("preferred_username", user)
                .claim("realm_access", java.util.Map.of("roles", roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private static synchronized String jwkSetUri() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort());
            server.start();
            server.stubFor(get("/protocol/openid-connect/certs")
                    .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return "http://localhost:" + server.port() + "/protocol/openid-connect/certs";
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
