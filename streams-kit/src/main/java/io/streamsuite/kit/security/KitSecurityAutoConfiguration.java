package io.streamsuite.kit.security;

import io.streamsuite.kit.config.InvalidSettingException;
import io.streamsuite.kit.config.StreamsKitProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every service's REST security, with nothing to write: JWT bearer tokens verified with Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (public key, JWK set or issuer), {@link AccessRules}
 * on the main port, probes, Prometheus and info open on the management port (which the NetworkPolicy
 * opens only to monitoring), every other actuator endpoint behind the operate scope.
 */
@AutoConfiguration(before = {ManagementWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class KitSecurityAutoConfiguration {

    static final String VERIFIER_SETTINGS = "spring.security.oauth2.resourceserver.jwt.public-key-location, "
            + ".jwk-set-uri or .issuer-uri";

    @Bean
    AuditLog auditLog(StreamsKitProperties kit) {
        return new AuditLog(kit);
    }

    @Bean
    AccessRules streamsKitAccessRules(ObjectProvider<OpenPaths> openPaths) {
        return AccessRules.withOpen(openPaths.orderedStream().flatMap(open -> open.patterns().stream()).toList());
    }

    @Bean
    SecurityFilterChain streamsKitSecurity(HttpSecurity http, StreamsKitProperties kit, SecurityProperties security,
                                           AuditLog audit, AccessRules rules, ObjectProvider<JwtDecoder> decoders)
            throws Exception {
        JwtDecoder verifier = decoders.getIfAvailable();
        if (verifier == null) {
            throw new InvalidSettingException("spring.security.oauth2.resourceserver.jwt.public-key-location",
                    "REST security needs to know which tokens to trust: set " + VERIFIER_SETTINGS
                    + " (env SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION, ..._JWK_SET_URI or ..._ISSUER_URI)");
        }
        SecurityProblems problems = new SecurityProblems(rules, security, audit, kit.getApplicationId());
        String read = "SCOPE_" + security.getReadScope();
        String operate = "SCOPE_" + security.getOperateScope();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(EndpointRequest.to("health", "prometheus", "info")).permitAll();
                    authorize.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(operate);
                    for (AccessRules.Rule rule : rules.rules()) {
                        switch (rule.access()) {
                            case OPEN -> authorize.requestMatchers(rule.pattern()).permitAll();
                            case READ -> authorize.requestMatchers(rule.pattern()).hasAuthority(read);
                            case OPERATE -> authorize.requestMatchers(rule.pattern()).hasAuthority(operate);
                            case AUTHENTICATED -> authorize.requestMatchers(rule.pattern()).authenticated();
                        }
                    }
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(new VerifiedTokens(verifier, Clock.systemUTC())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new AuditFilter(audit, kit.getApplicationId()), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    RequestRejectedHandler streamsKitRejectedRequests() {
        return new RejectedRequestProblem();
    }

    @Bean
    ReplayAuditAdvice replayAuditAdvice() {
        return new ReplayAuditAdvice();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDocs {

        @Bean
        ApiDocsSecurity streamsKitApiDocsSecurity(AccessRules rules, SecurityProperties security) {
            return new ApiDocsSecurity(rules, security);
        }
    }
}
