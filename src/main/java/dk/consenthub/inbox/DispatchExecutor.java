package dk.consenthub.inbox;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DispatchExecutor {

    /**
     * The thread pool profile {@code dispatchPool} a dispatch batch runs on: also the cap on concurrent calls to
     * the vendors. A profile rather than an ExecutorService bean, which would switch off Spring's task executor.
     */
    @Bean
    CamelContextConfiguration dispatchPoolProfile(InboxProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder("dispatchPool")
                        .poolSize(properties.concurrency()).maxPoolSize(properties.concurrency()).maxQueueSize(1000)
                        .build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
