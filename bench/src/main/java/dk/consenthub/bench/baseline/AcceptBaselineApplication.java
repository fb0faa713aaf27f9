package dk.consenthub.bench.baseline;

import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The accept baseline: a bare Spring MVC app doing exactly the durable work of a Gecko webhook accept (token in
 * the path, JSON parse, AES-GCM encryption, H2 insert with a unique key, 202). Camel and Security share the jar for
 * the start baseline and are switched off here.
 */
@SpringBootApplication(exclude = {CamelAutoConfiguration.class, SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
public class AcceptBaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(AcceptBaselineApplication.class, args);
    }
}
