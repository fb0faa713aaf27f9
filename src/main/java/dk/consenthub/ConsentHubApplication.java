package dk.consenthub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsentHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsentHubApplication.class, args);
    }
}
