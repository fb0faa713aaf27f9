package dk.consenthub.admin;

import dk.consenthub.system.SandboxProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Webhooks authenticate themselves (URL token or signature) and are open to the filter chain; the admin API needs
 * a user. CSRF protects browser sessions; API clients that send credentials on every request, or JSON, are exempt.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = "OPERATOR";
    static final String VIEWER = "VIEWER";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webhooks/**", "/error").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/admin/egress/preview").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/admin/reconcile").hasRole(OPERATOR)
                        .requestMatchers("/admin/**").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers("/webhooks/**")
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                        // a cross-site form cannot send JSON without a CORS preflight, which the hub never grants
                        .ignoringRequestMatchers(request -> request.getContentType() != null
                                && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(AdminProperties admin, SandboxProperties sandbox, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        if (sandbox.enabled() && admin.sandboxPassword() != null && !admin.sandboxPassword().isBlank()) {
            users.add(User.withUsername("admin").password(encoder.encode(admin.sandboxPassword()))
                    .roles(VIEWER, OPERATOR).build());
        }
        for (AdminProperties.User user : admin.users()) {
            users.add(User.withUsername(user.name()).password(user.passwordHash())
                    .roles(user.roles().toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
