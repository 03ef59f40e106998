package io.streamsuite.kit.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A {@link TopologyDescription} as plain data for JSON: sub-topologies with their nodes, global
 * stores, and the topics and stores named anywhere, so a page can draw the graph without parsing
 * {@code describe()}'s text.
 */
public record TopologyView(List<Subtopology> subtopologies, List<GlobalStore> globalStores,
                           List<String> sourceTopics, List<String> sinkTopics, List<String> stores) {

    /** One connected part of the topology; Kafka Streams runs one task per partition of it. */
    public record Subtopology(int id, List<Node> nodes) {
    }

    /** A global store: its source topic feeds a processor that fills the store on every instance. */
    public record GlobalStore(int id, Node source, Node processor) {
    }

    /**
     * A source, processor or sink. {@code topics} are what a source reads or a sink writes;
     * {@code topicPattern} replaces them for a pattern source; {@code stores} are a processor's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(String name, Kind kind, List<String> topics, String topicPattern, List<String> stores,
                       List<String> predecessors, List<String> successors) {
    }

    public enum Kind { SOURCE, PROCESSOR, SINK }

    public static TopologyView of(TopologyDescription description) {
        List<Subtopology> subtopologies = new ArrayList<>();
        List<GlobalStore> globalStores = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        description.subtopologies().stream()
                .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .forEach(subtopology -> {
                    List<Node> nodes = subtopology.nodes().stream()
                            .sorted(Comparator.comparing(TopologyDescription.Node::name))
                            .map(TopologyView::node).toList();
                    nodes.forEach(node -> collect(node, sources, sinks, stores));
                    subtopologies.add(new Subtopology(subtopology.id(), nodes));
                });
        description.globalStores().stream()
                .sorted(Comparator.comparingInt(TopologyDescription.GlobalStore::id))
                .forEach(global -> {
                    Node source = node(global.source());
                    Node processor = node(global.processor());
                    collect(source, sources, sinks, stores);
                    collect(processor, sources, sinks, stores);
                    globalStores.add(new GlobalStore(global.id(), source, processor));
                });
        return new TopologyView(List.copyOf(subtopologies), List.copyOf(globalStores),
                List.copyOf(sources), List.copyOf(sinks), List.copyOf(stores));
    }

    private static Node node(TopologyDescription.Node node) {
        List<String> predecessors = names(node.predecessors());
        List<String> successors = names(node.successors());
        if (node instanceof TopologyDescription.Source source) {
            List<String> topics = source.topicSet() == null ? null : List.copyOf(new TreeSet<>(source.topicSet()));
            String pattern = source.topicPattern() == null ? null : source.topicPattern().pattern();
            return new Node(node.name(), Kind.SOURCE, topics, pattern, null, predecessors, successors);
        }
        if (node instanceof TopologyDescription.Sink sink) {
            // A sink with a TopicNameExtractor has no fixed topic.
            List<String> topics = sink.topic() == null ? List.of() : List.of(sink.topic());
            return new Node(node.name(), Kind.SINK, topics, null, null, predecessors, successors);
        }
        TopologyDescription.Processor processor = (TopologyDescription.Processor) node;
        return new Node(node.name(), Kind.PROCESSOR, null, null, List.copyOf(new TreeSet<>(processor.stores())),
                predecessors, successors);
    }

    private static List<String> names(Set<TopologyDescription.Node> nodes) {
        return nodes.stream().map(TopologyDescription.Node::name).sorted().toList();
    }

    private static void collect(Node node, Set<String> sources, Set<String> sinks, Set<String> stores) {
        if (node.kind() == Kind.SOURCE && node.topics() != null) {
            sources.addAll(node.topics());
        } else if (node.kind() == Kind.SINK) {
            sinks.addAll(node.topics());
        } else if (node.stores() != null) {
            stores.addAll(node.stores());
        }
    }
}
