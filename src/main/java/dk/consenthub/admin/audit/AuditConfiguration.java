package dk.consenthub.admin.audit;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Right after Spring Security's chain, for everything under /admin, whether a controller serves it or not. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditRecorder recorder) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(recorder));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
