package io.streamsuite.kit.query;

/** HTTP headers instances use between themselves. */
public final class QueryHeaders {

    /** Set on forwarded and fanned-out requests: answer locally, never forward again. */
    public static final String HOP = "X-Streams-Query-Hop";

    /**
     * On fanned-out range requests: the partitions (comma-separated) this instance should answer for;
     * on forwarded key lookups routed by a {@link RoutingKey}: the one partition holding the key.
     */
    public static final String PARTITIONS = "X-Streams-Query-Partitions";

    private QueryHeaders() {
    }
}
