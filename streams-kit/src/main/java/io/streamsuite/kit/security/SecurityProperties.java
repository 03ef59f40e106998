package io.streamsuite.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code streams-kit.security.*}: the scope names a token must carry. */
@ConfigurationProperties("streams-kit.security")
public class SecurityProperties {

    /** Scope for reading stores and domain queries. */
    private String readScope = "streams.read";

    /** Scope for browsing dead letters (payload previews) and replaying them. */
    private String operateScope = "streams.operate";

    public String getReadScope() { return readScope; }
    public void setReadScope(String readScope) { this.readScope = readScope; }
    public String getOperateScope() { return operateScope; }
    public void setOperateScope(String operateScope) { this.operateScope = operateScope; }
}
