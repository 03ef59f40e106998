package io.streamsuite.kit.topology;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/topology}: what this service's Kafka Streams topology reads, computes, stores and writes. */
@RestController
@Tag(name = "Topology", description = "The service's Kafka Streams topology")
public class TopologyController {

    public static final String PATH = "/api/topology";

    private final Supplier<TopologyView> topology;

    public TopologyController(Supplier<TopologyView> topology) {
        this.topology = topology;
    }

    @GetMapping(PATH)
    @Operation(summary = "The topology as data",
            description = "Sub-topologies with their source, processor and sink nodes, global stores, and every topic and store they name")
    public TopologyView topology() {
        return topology.get();
    }
}
