package io.streamsuite.kit;

import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * The seam between a service and the kit: a service says what its topology is and which topics it
 * reads and writes; serdes, dead letters, queries, health, metrics and lifecycle are the kit's job.
 */
public interface StreamsService {

    /** Builds the topology. Kept a plain function of its inputs so TopologyTestDriver tests need no Spring. */
    Topology topology(AvroSerdes serdes);

    /**
     * Topics the service reads and writes, declared once ({@link TopicSpec}); the kit adds its own (the DLQ and the
     * replay log, {@link io.streamsuite.kit.config.KitTopics}) and creates missing ones at start-up.
     */
    List<TopicSpec> topics();
}
