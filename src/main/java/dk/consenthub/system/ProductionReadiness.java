package dk.consenthub.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the {@code production} profile the hub refuses to start while sandbox mode is on, a secret is missing, or
 * an endpoint still points at this machine. Whenever sandbox mode is off, whatever the profile, it refuses public
 * or weak secrets ({@link SecretChecks}). It names every problem at once, by property, before anything else starts.
 */
public class ProductionReadiness implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final List<String> SECRETS = List.of(
            "hub.booking.api-token",
            "hub.booking.webhook-token",
            "hub.mailchimp.api-key",
            "hub.mailchimp.webhook-token",
            "hub.crypto.active-key-id",
            "hub.crypto.hash-secret");

    static final String LOOPBACK = "127.0.0.1";

    static final List<String> ENDPOINTS = List.of("hub.booking.base-url", "hub.mailchimp.base-url",
            "hub.analytics.admin-base-url", "hub.analytics.token-uri");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        boolean sandbox = env.getProperty("hub.sandbox.enabled", Boolean.class, true);
        DataDirectory.secure(java.nio.file.Path.of(env.getProperty("hub.data-dir", "./data")));
        if (sandbox && isBlank(env.getProperty("server.address"))) {
            // the sandbox has a default admin password and public tokens: only this machine may reach it
            env.getPropertySources().addLast(new MapPropertySource("sandbox-loopback",
                    Map.of("server.address", LOOPBACK)));
        }
        List<String> problems = new ArrayList<>();
        if (env.matchesProfiles("production")) {
            problems.addAll(problems(env));
        }
        if (!sandbox || env.matchesProfiles("production")) {
            problems.addAll(SecretChecks.problems(env));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The hub refuses to start " + (sandbox ? "with the production profile"
                    : "outside sandbox mode") + ":\n  - " + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        if (env.getProperty("hub.sandbox.enabled", Boolean.class, true)) {
            problems.add("hub.sandbox.enabled is true (sandbox stubs instead of the real systems)");
        }
        for (String secret : SECRETS) {
            if (isBlank(env.getProperty(secret))) {
                problems.add(secret + " is not set");
            }
        }
        String activeKey = env.getProperty("hub.crypto.active-key-id");
        if (!isBlank(activeKey) && isBlank(env.getProperty("hub.crypto.keys." + activeKey))) {
            problems.add("hub.crypto.keys." + activeKey + " is not set (the active encryption key)");
        }
        List<String> properties = Binder.get(env).bind("hub.analytics.property-ids", Bindable.listOf(String.class))
                .orElse(List.of()).stream().filter(id -> !isBlank(id)).toList();
        if (!properties.isEmpty() && isBlank(env.getProperty("hub.analytics.credentials-file"))) {
            problems.add("hub.analytics.credentials-file is not set (GA properties are configured: erasure needs a "
                    + "service-account key)");
        }
        for (String endpoint : ENDPOINTS) {
            String url = env.getProperty(endpoint, "").toLowerCase(Locale.ROOT);
            if (url.isBlank()) {
                problems.add(endpoint + " is not set");
            } else if (url.contains("localhost") || url.contains("127.0.0.1")) {
                problems.add(endpoint + " points at this machine (a sandbox endpoint)");
            }
        }
        return problems;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
