package io.streamsuite.simulator.event;

import java.util.List;

/**
 * A seeded source of one domain's events. Reference data (catalog, profiles, registrations) comes first and is
 * sent before any stream event; then {@link #next()} yields stream events forever, in simulated-time order
 * (apart from the deliberately late and out-of-order ones). Same settings → same events.
 */
public interface DomainGenerator {

    /** payments, web, shop or iot. */
    String domain();

    /** The topic stream events go to (poison records go there too). */
    String streamTopic();

    /** Reference-data topic, or null when the domain has none. */
    String referenceTopic();

    /** Records to send before the stream; built once, the same list on every call. */
    List<SimEvent> referenceData();

    /** The next stream event. */
    SimEvent next();
}
