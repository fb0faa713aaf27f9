package dk.consenthub.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sandbox mode: the hub starts WireMock stand-ins for Gecko, Mailchimp and Google from {@code mappings/}
 * and talks to them instead of the real vendors. Each system's port is {@code hub.sandbox.<system>-port}
 * ({@link SandboxServers}); the three here are bound first, so a bad one is reported as itself. With
 * {@code external-stubs} the hub starts no stub servers: it talks to a sandbox started on its own
 * ({@link SandboxMain}), which outlives the hub (crash tests, several nodes sharing one sandbox).
 */
@Validated
@ConfigurationProperties("hub.sandbox")
public record SandboxProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("mappings") String mappingsDir,
        @Min(1) @Max(65535) @DefaultValue("8091") int geckoPort,
        @Min(1) @Max(65535) @DefaultValue("8092") int mailchimpPort,
        @Min(1) @Max(65535) @DefaultValue("8093") int googlePort,
        @DefaultValue("false") boolean externalStubs) {
}
