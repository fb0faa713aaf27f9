package dk.consenthub.inbox;

import dk.consenthub.system.ThreadPoolProfiles;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DispatchExecutor {

    /** The thread pool profile {@code dispatchPool} a dispatch batch runs on: also the cap on concurrent calls to the vendors. */
    @Bean
    CamelContextConfiguration dispatchPoolProfile(InboxProperties properties) {
        return ThreadPoolProfiles.fixed("dispatchPool", properties.concurrency());
    }
}
