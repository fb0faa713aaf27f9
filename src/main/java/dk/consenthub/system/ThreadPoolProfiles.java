package dk.consenthub.system;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Named Camel thread pool profiles for the flows that run work in parallel ({@code executorService: <name>} in a
 * route file). A profile rather than an ExecutorService bean, which would switch off Spring's task executor.
 */
public final class ThreadPoolProfiles {

    private ThreadPoolProfiles() {
    }

    /** A fixed pool of {@code size} threads: also the cap on concurrent calls the flow makes. */
    public static CamelContextConfiguration fixed(String name, int size) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(name)
                        .poolSize(size).maxPoolSize(size).maxQueueSize(1000).build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
