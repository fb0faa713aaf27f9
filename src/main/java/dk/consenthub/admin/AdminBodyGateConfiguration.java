package dk.consenthub.admin;

import dk.consenthub.inbox.RequestBodyGate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Admin request bodies pass the same gate as webhooks (at most 1 MiB, well-formed UTF-8), after Spring Security
 * has authenticated the caller, so an anonymous request learns nothing from the gate's answer.
 */
@Configuration(proxyBeanMethods = false)
class AdminBodyGateConfiguration {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    @Bean
    FilterRegistrationBean<RequestBodyGate> adminBodyGate() {
        FilterRegistrationBean<RequestBodyGate> registration =
                new FilterRegistrationBean<>(new RequestBodyGate(MAX_BODY_BYTES));
        registration.addUrlPatterns("/admin/*");
        registration.setOrder(0); // after the security filter chain (-100)
        return registration;
    }
}
