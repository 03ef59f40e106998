package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private final AccessRules rules = AccessRules.withOpen(List.of("/dashboard/**"));
    private final SecurityProperties scopes = new SecurityProperties();

    @Test
    void deadLettersNeedOperateOtherApiRoutesReadAndTheRestAnyToken() {
        assertThat(rules.accessOf("/api/dead-letters")).isEqualTo(AccessRules.Access.OPERATE);
        assertThat(rules.scopeOf("/api/dead-letters/replay", scopes)).contains("streams.operate");
        assertThat(rules.scopeOf("/api/stores/{store}/keys/{key}", scopes)).contains("streams.read");
        assertThat(rules.scopeOf("/api/cards/risk", scopes)).contains("streams.read");
        assertThat(rules.accessOf("/api")).as("/api itself").isEqualTo(AccessRules.Access.READ);
        assertThat(rules.accessOf("/anything-else")).isEqualTo(AccessRules.Access.AUTHENTICATED);
    }

    @Test
    void probesApiDocsAndDeclaredPagesAreOpen() {
        assertThat(rules.accessOf("/livez")).isEqualTo(AccessRules.Access.OPEN);
        assertThat(rules.accessOf("/readyz")).isEqualTo(AccessRules.Access.OPEN);
        assertThat(rules.accessOf("/v3/api-docs")).isEqualTo(AccessRules.Access.OPEN);
        assertThat(rules.accessOf("/dashboard/app.js")).isEqualTo(AccessRules.Access.OPEN);
        assertThat(AccessRules.kitDefaults().accessOf("/dashboard/app.js")).isEqualTo(AccessRules.Access.AUTHENTICATED);
    }

    @Test
    void anOpenPathMayNotOpenTheApi() {
        assertThatThrownBy(() -> new OpenPaths(List.of("/api/dashboard"))).hasMessageContaining("API routes always need a token");
        assertThatThrownBy(() -> new OpenPaths(List.of("/**"))).isInstanceOf(IllegalArgumentException.class);
    }
}
