package dk.consenthub.erasure;

import dk.consenthub.system.ThreadPoolProfiles;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErasureExecutor {

    /** The thread pool profile {@code erasurePool}: how many erasure tasks run at once. */
    @Bean
    CamelContextConfiguration erasurePoolProfile(ErasureProperties properties) {
        return ThreadPoolProfiles.fixed("erasurePool", properties.concurrency());
    }
}
