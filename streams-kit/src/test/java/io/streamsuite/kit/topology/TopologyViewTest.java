package io.streamsuite.kit.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TopologyViewTest {

    /** orders → (re-key by customer: a repartition) → count per customer → totals; customers as a global table. */
    private static TopologyView twoSubtopologiesAndAGlobalStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("customers", Consumed.with(Serdes.String(), Serdes.String()).withName("customers-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("customers-store")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()).withName("orders-source"))
                .selectKey((key, value) -> value, Named.as("by-customer"))
                .groupByKey(Grouped.with("by-customer-repartition", Serdes.String(), Serdes.String()))
                .count(Named.as("count-per-customer"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("order-counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("counts-stream"))
                .to("order-totals", Produced.with(Serdes.String(), Serdes.Long()).withName("totals-sink"));
        return TopologyView.of(builder.build().describe());
    }

    @Test
    void describesEverySubtopologyWithItsNodesTopicsAndStores() {
        TopologyView view = twoSubtopologiesAndAGlobalStore();

        // Ids are shared with global stores: the global table, built first, took 0.
        assertThat(view.subtopologies()).extracting(TopologyView.Subtopology::id).containsExactly(1, 2);
        Map<String, TopologyView.Node> first = byName(view.subtopologies().get(0).nodes());
        assertThat(first.get("orders-source").kind()).isEqualTo(TopologyView.Kind.SOURCE);
        assertThat(first.get("orders-source").topics()).containsExactly("orders");
        assertThat(first.get("orders-source").successors()).containsExactly("by-customer");
        assertThat(first.get("by-customer").predecessors()).containsExactly("orders-source");
        TopologyView.Node repartitionSink = first.values().stream().filter(n -> n.kind() == TopologyView.Kind.SINK)
                .findFirst().orElseThrow();
        // Described without the application id Streams prefixes at run time.
        assertThat(repartitionSink.topics()).containsExactly("by-customer-repartition");

        Map<String, TopologyView.Node> second = byName(view.subtopologies().get(1).nodes());
        assertThat(second.get("count-per-customer").stores()).containsExactly("order-counts");
        assertThat(second.get("totals-sink").topics()).containsExactly("order-totals");

        assertThat(view.sourceTopics()).containsExactly("by-customer-repartition", "customers", "orders");
        assertThat(view.sinkTopics()).containsExactly("by-customer-repartition", "order-totals");
        assertThat(view.stores()).containsExactly("customers-store", "order-counts");
    }

    @Test
    void describesAGlobalStoreAsItsSourceAndTheProcessorFillingIt() {
        TopologyView view = twoSubtopologiesAndAGlobalStore();

        assertThat(view.globalStores()).singleElement().satisfies(global -> {
            assertThat(global.id()).isZero();
            assertThat(global.source().kind()).isEqualTo(TopologyView.Kind.SOURCE);
            assertThat(global.source().topics()).containsExactly("customers");
            assertThat(global.processor().stores()).containsExactly("customers-store");
            assertThat(global.source().successors()).containsExactly(global.processor().name());
        });
    }

    @Test
    void jsonLeavesOutFieldsANodeKindDoesNotHave() {
        JsonNode json = JsonMapper.builder().build().valueToTree(twoSubtopologiesAndAGlobalStore());
        JsonNode source = json.get("subtopologies").get(0).get("nodes").get(0);
        assertThat(source.get("name").asString()).isEqualTo("by-customer");
        assertThat(source.get("kind").asString()).isEqualTo("PROCESSOR");
        assertThat(source.has("topics")).isFalse();
        assertThat(source.has("topicPattern")).isFalse();
        assertThat(json.get("globalStores").get(0).get("processor").get("stores").get(0).asString()).isEqualTo("customers-store");
    }

    private static Map<String, TopologyView.Node> byName(List<TopologyView.Node> nodes) {
        return nodes.stream().collect(Collectors.toMap(TopologyView.Node::name, Function.identity()));
    }
}
