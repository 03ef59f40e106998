package io.streamsuite.kit.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Interactive query settings under {@code streams-kit.query}. */
@ConfigurationProperties("streams-kit.query")
public class QueryProperties {

    /** Connecting to another instance; short, so a dead instance turns into a quick 503. */
    private Duration connectTimeout = Duration.ofSeconds(1);

    /** Whole forwarded request, answer included. */
    private Duration requestTimeout = Duration.ofSeconds(3);

    /** Sent as Retry-After with every 503. */
    private Duration retryAfter = Duration.ofSeconds(2);

    private int defaultLimit = 100;

    private int maxLimit = 1000;

    /**
     * The most changelog offsets a copy may be behind and still answer when the active copy cannot (a
     * standby, or an active still restoring); a caller may ask for less with {@code max-lag}.
     */
    private long maxLag = 1000;

    /** How long a reading of this instance's store lags is reused (each reading asks the broker for end offsets). */
    private Duration lagRefresh = Duration.ofSeconds(1);

    /** Scheme other instances are reached with (their host:port comes from application.server). */
    private String scheme = "http";

    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
    public Duration getRetryAfter() { return retryAfter; }
    public void setRetryAfter(Duration retryAfter) { this.retryAfter = retryAfter; }
    public int getDefaultLimit() { return defaultLimit; }
    public void setDefaultLimit(int defaultLimit) { this.defaultLimit = defaultLimit; }
    public int getMaxLimit() { return maxLimit; }
    public void setMaxLimit(int maxLimit) { this.maxLimit = maxLimit; }
    public long getMaxLag() { return maxLag; }
    public void setMaxLag(long maxLag) { this.maxLag = maxLag; }
    public Duration getLagRefresh() { return lagRefresh; }
    public void setLagRefresh(Duration lagRefresh) { this.lagRefresh = lagRefresh; }
    public String getScheme() { return scheme; }
    public void setScheme(String scheme) { this.scheme = scheme; }
}
