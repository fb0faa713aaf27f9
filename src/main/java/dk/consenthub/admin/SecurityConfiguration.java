package dk.consenthub.admin;

import dk.consenthub.admin.audit.AuditRecorder;
import dk.consenthub.system.SandboxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Webhooks authenticate themselves (URL token or signature) and have a chain of their own. Under /admin a read
 * (GET, HEAD) needs VIEWER or OPERATOR and anything else OPERATOR; access requests and their reports need OPERATOR
 * even to read. Admins sign in on the login page (a session,
 * CSRF-protected forms), with HTTP Basic, or with a Bearer token of the configured OIDC provider. API clients that
 * send credentials on every request, or JSON, are exempt from CSRF. Password logins are throttled
 * ({@link LoginThrottleFilter}). Actuator: health's status and info are open, the rest needs VIEWER or OPERATOR.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = "OPERATOR";
    static final String VIEWER = "VIEWER";

    /**
     * Webhooks authenticate themselves in their routes (URL token or signature): their chain keeps the security
     * headers and nothing of the admin chain's sessions, logins, CSRF, request cache or throttle, which every webhook
     * request would otherwise pass through for nothing.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, AdminProperties admin, AuditRecorder audit,
                                            LoginAttempts loginAttempts, ApplicationEventPublisher events,
                                            MeterRegistry meters, Environment environment) throws Exception {
        AuthenticationEntryPoint unauthenticated = AdminEntryPoints.unauthenticated(admin.oidc().enabled());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        // a scraper on this machine reads the management port without credentials, if it is loopback
                        .requestMatchers(onLoopbackManagementPort(environment)).permitAll()
                        // health says UP or DOWN to anyone (its components only to admins), info nothing internal
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers(HttpMethod.GET, AdminEntryPoints.LOGIN_PAGE, "/admin/assets/**").permitAll()
                        .requestMatchers("/admin/egress/preview").hasRole(OPERATOR)
                        // a person's access report, even its case list, is for operators only
                        .requestMatchers("/admin/access-requests", "/admin/access-requests/**", "/admin/access")
                        .hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/admin/**", "/v3/api-docs/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers(HttpMethod.HEAD, "/admin/**", "/v3/api-docs/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers("/admin/**").hasRole(OPERATOR)
                        .anyRequest().denyAll())
                .formLogin(form -> form
                        .loginPage(AdminEntryPoints.LOGIN_PAGE)
                        .defaultSuccessUrl("/admin", false)
                        .failureUrl(AdminEntryPoints.LOGIN_PAGE + "?error"))
                .logout(logout -> logout
                        .logoutUrl("/admin/logout")
                        .logoutSuccessUrl(AdminEntryPoints.LOGIN_PAGE + "?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(AdminEntryPoints.denied(audit)))
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                        // a cross-site form cannot send JSON without a CORS preflight, which the hub never grants
                        .ignoringRequestMatchers(request -> request.getContentType() != null
                                && request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/json")))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'"))
                        // written before the request goes on, they are written once, by one thread: written on commit
                        // they raced with a second thread answering (spring-security#15510) and corrupted Tomcat's
                        // response under load when webhooks came through Camel's platform-http (no longer used)
                        .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }));
        if (admin.loginThrottle().enabled()) {
            http.addFilterBefore(new LoginThrottleFilter(loginAttempts, events, meters),
                    UsernamePasswordAuthenticationFilter.class);
        }
        if (admin.oidc().enabled()) {
            http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt
                    .decoder(OidcTokens.decoder(admin.oidc()))
                    .jwtAuthenticationConverter(OidcTokens.roles(admin.oidc()))));
        }
        return http.build();
    }

    @Bean
    LoginAttempts loginAttempts(AdminProperties admin, Clock clock) {
        return new LoginAttempts(admin.loginThrottle(), clock);
    }

    /**
     * Requests that came in on a separate management port bound to a loopback address: only processes on this
     * machine reach it. Off unless both {@code management.server.port} and {@code management.server.address} say so.
     */
    static RequestMatcher onLoopbackManagementPort(Environment environment) {
        String address = environment.getProperty("management.server.address");
        boolean loopback;
        try {
            loopback = address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            return request -> false;
        }
        return request -> String.valueOf(request.getLocalPort())
                .equals(environment.getProperty("local.management.port"));
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
