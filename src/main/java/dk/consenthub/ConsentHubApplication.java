package dk.consenthub;

import dk.consenthub.system.HubProperties;
import dk.consenthub.system.SandboxProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsentHubApplication {

    /**
     * Binds the basic settings first, so a bad one is reported as itself (say hub.sandbox.gecko-port) rather than
     * as the endpoint URL built from it.
     */
    ConsentHubApplication(HubProperties hub, SandboxProperties sandbox) {
    }

    public static void main(String[] args) {
        SpringApplication.run(ConsentHubApplication.class, args);
    }
}
