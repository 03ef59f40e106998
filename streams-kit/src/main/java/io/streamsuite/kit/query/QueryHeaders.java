package io.streamsuite.kit.query;

/** HTTP headers instances use between themselves, and the ones every query answer carries. */
public final class QueryHeaders {

    /** Set on forwarded and fanned-out requests: answer locally, never forward again. */
    public static final String HOP = "X-Streams-Query-Hop";

    /**
     * On fanned-out range requests: the partitions (comma-separated) this instance should answer for;
     * on forwarded key lookups routed by a {@link RoutingKey}: the one partition holding the key.
     */
    public static final String PARTITIONS = "X-Streams-Query-Partitions";

    /**
     * Request: the most changelog offsets a copy may be behind and still answer (a standby, or an active
     * still restoring); the {@code max-lag} query parameter says the same. Default {@code streams-kit.query.max-lag}.
     */
    public static final String MAX_LAG = "X-Streams-Query-Max-Lag";

    /** Answer: {@code active} or {@code standby}, the kind of copy that answered. */
    public static final String COPY = "X-Streams-Query-Copy";

    /** Answer: the host:port of the instance (comma-separated, for a fan-out) that answered. */
    public static final String INSTANCE = "X-Streams-Query-Instance";

    /** Answer: how many changelog offsets the answering copy was behind (the largest, for a fan-out). */
    public static final String LAG = "X-Streams-Query-Lag";

    /** The query parameter twin of {@link #MAX_LAG}. */
    public static final String MAX_LAG_PARAMETER = "max-lag";

    private QueryHeaders() {
    }
}
