package dk.consenthub.egress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    CprDetector cprDetector() {
        return new CprDetector();
    }
}
