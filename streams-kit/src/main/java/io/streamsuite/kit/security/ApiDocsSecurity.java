package io.streamsuite.kit.security;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * States {@link AccessRules} in the OpenAPI document: a bearer scheme, and on every operation its
 * security requirement plus {@value #SCOPE_EXTENSION} (the scope it needs, empty for any valid token,
 * absent when open), which the generated security test reads.
 */
final class ApiDocsSecurity implements OpenApiCustomizer {

    static final String SCHEME = "bearer";
    public static final String SCOPE_EXTENSION = "x-required-scope";

    private final AccessRules rules;
    private final SecurityProperties properties;

    ApiDocsSecurity(AccessRules rules, SecurityProperties properties) {
        this.rules = rules;
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.schemaRequirement(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("A JWT with the scope '" + properties.getReadScope()
                        + "' (stores, domain queries) or '" + properties.getOperateScope() + "' (dead letters, replay)"));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (PathItem.HttpMethod method, Operation operation) -> describe(path, operation)));
    }

    private void describe(String path, Operation operation) {
        if (rules.accessOf(path) == AccessRules.Access.OPEN) {
            operation.setSecurity(List.of());
            return;
        }
        String scope = rules.scopeOf(path, properties).orElse("");
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME, scope.isEmpty() ? List.of() : List.of(scope))));
        operation.addExtension(SCOPE_EXTENSION, scope);
        if (operation.getResponses() != null) {
            operation.getResponses().computeIfAbsent("401", code -> new ApiResponse()
                    .description("No bearer token, or one that is expired or not signed by a trusted key"));
            operation.getResponses().computeIfAbsent("403", code -> new ApiResponse()
                    .description(scope.isEmpty() ? "Not allowed" : "The token lacks the scope '" + scope + "'"));
        }
    }

}
