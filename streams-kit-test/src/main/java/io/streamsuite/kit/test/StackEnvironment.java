package io.streamsuite.kit.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The running broker and registry (or the external ones), and what must be closed at the end. */
final class StackEnvironment implements AutoCloseable {

    static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    static final String ENV_REGISTRY = "SCHEMA_REGISTRY_URL";

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final TcpProxy registryProxy;
    private final List<AutoCloseable> closeInOrder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaProducer<byte[], byte[]> producer;

    private StackEnvironment(String bootstrapServers, String schemaRegistryUrl, TcpProxy registryProxy,
                             List<AutoCloseable> closeInOrder) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.registryProxy = registryProxy;
        this.closeInOrder = closeInOrder;
    }

    static StackEnvironment fromEnvironmentOrStart() {
        String bootstrap = System.getenv(ENV_BOOTSTRAP);
        String registry = System.getenv(ENV_REGISTRY);
        if (notBlank(bootstrap) && notBlank(registry)) {
            return new StackEnvironment(bootstrap.trim(), registry.trim(), null, new ArrayList<>());
        }
        return startLocal();
    }

    private static StackEnvironment startLocal() {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // The registry is a separate process that takes seconds: start it first and let the broker boot meanwhile.
            ApicurioRegistry registry = ApicurioRegistry.launch();
            started.add(0, registry);
            EmbeddedKafkaKraftBroker broker = startBroker();
            started.add(0, broker::destroy);
            registry.awaitReady();
            TcpProxy proxy = TcpProxy.start("127.0.0.1", registry.port());
            started.add(0, proxy);
            String registryUrl = "http://127.0.0.1:" + proxy.port() + ApicurioRegistry.CONFLUENT_API_PATH;
            return new StackEnvironment(broker.getBrokersAsString(), registryUrl, proxy, started);
        } catch (RuntimeException | Error e) {
            closeAll(started, e);
            throw e;
        }
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // One broker: internal topics must not ask for more replicas than exist, or EOS and groups stall.
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                // Test inputs carry simulated event times (the simulator's clock starts 2026-01-05): the default
                // 7-day retention deleted them at the broker's first check, 30 s after start, mid-test.
                "log.retention.ms", "-1"));
        broker.afterPropertiesSet();
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    boolean external() {
        return registryProxy == null;
    }

    TcpProxy registryProxy() {
        return registryProxy;
    }

    KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.LINGER_MS_CONFIG, 0,
                            ProducerConfig.CLIENT_ID_CONFIG, "kafka-stack-test-producer"),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> all = new ArrayList<>();
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            all.add(p);
        }
        all.addAll(closeInOrder);
        closeAll(all, null);
    }

    private static void closeAll(List<AutoCloseable> resources, Throwable primary) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    System.err.println("[kafka-stack] failed to stop a resource: " + e);
                }
            }
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
