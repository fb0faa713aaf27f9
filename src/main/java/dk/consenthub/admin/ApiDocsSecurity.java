package dk.consenthub.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI document of the admin API ({@code /v3/api-docs}) is for admins: read-only, VIEWER or OPERATOR. Its
 * own chain, ahead of the main one, which denies every path it does not name.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET).hasAnyRole(SecurityConfiguration.VIEWER, SecurityConfiguration.OPERATOR)
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }
}
