package dk.consenthub.analytics;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dk.consenthub.system.SandboxProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Access tokens for the GA APIs from a service-account key, through google-auth-library (it signs the JWT assertion
 * and caches the token until shortly before it expires). In sandbox mode without a key file, a throwaway RSA key
 * is made at startup: the sandbox token endpoint accepts any assertion, and no key is ever committed.
 */
@Component
class GoogleAccessTokens {

    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/analytics.edit",
            "https://www.googleapis.com/auth/analytics.user.deletion");

    private final AnalyticsProperties properties;
    private final SandboxProperties sandbox;
    private volatile GoogleCredentials credentials;

    GoogleAccessTokens(AnalyticsProperties properties, SandboxProperties sandbox) throws IOException {
        this.properties = properties;
        this.sandbox = sandbox;
        if (sandbox.enabled() && properties.credentialsFile() == null) {
            this.credentials = load(); // the sandbox's throwaway key, made at startup; no token is fetched yet
        }
    }

    /** A valid access token, fetched from the token endpoint when the cached one is about to expire. */
    String token() {
        try {
            GoogleCredentials current = credentials();
            current.refreshIfExpired();
            return current.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw new UncheckedIOException("no access token from the Google token endpoint", e);
        }
    }

    private GoogleCredentials credentials() throws IOException {
        if (credentials == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = load();
                }
            }
        }
        return credentials;
    }

    private GoogleCredentials load() throws IOException {
        URI tokenUri = URI.create(properties.tokenUri());
        if (properties.credentialsFile() != null) {
            try (InputStream key = Files.newInputStream(properties.credentialsFile())) {
                return ServiceAccountCredentials.fromStream(key).toBuilder().setTokenServerUri(tokenUri)
                        .setScopes(SCOPES).build();
            }
        }
        if (!sandbox.enabled()) {
            throw new IllegalStateException("hub.analytics.credentials-file is not set");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return ServiceAccountCredentials.newBuilder()
                    .setClientEmail("consent-hub@sandbox.iam.gserviceaccount.com")
                    .setClientId("sandbox")
                    .setPrivateKey(generator.generateKeyPair().getPrivate())
                    .setPrivateKeyId("sandbox-throwaway")
                    .setTokenServerUri(tokenUri)
                    .setScopes(SCOPES)
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
