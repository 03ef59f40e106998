/**
 * REST security for every service, on by default: JWT bearer tokens checked with Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} settings, two scopes ({@link AccessRules}),
 * problem-details answers to 401/403 ({@link SecurityProblems}), the caller's token on forwarded
 * queries ({@link CallerToken}) and an audit trail ({@link AuditLog}).
 */
package io.streamsuite.kit.security;
