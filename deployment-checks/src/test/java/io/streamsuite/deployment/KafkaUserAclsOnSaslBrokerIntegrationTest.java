package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.deployment.KafkaUserAcls.Acl;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.ApicurioRegistry;
import io.streamsuite.kit.test.SaslKafkaCluster;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.localstack.SuiteService;
import io.streamsuite.schemas.payments.Channel;
import io.streamsuite.schemas.payments.GeoPoint;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * fraud-detector, from its built jar, on a broker that requires SASL (SCRAM-SHA-512) and authorizes by ACL, with
 * exactly the ACLs of its KafkaUser in the production overlay (rendered from k8s/, granted as Strimzi's User
 * Operator would): it processes records end to end. Then one of those ACLs is taken away and the service stops
 * after the kit's fatal attempts with one line naming the missing permission, and no dead letter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaUserAclsOnSaslBrokerIntegrationTest {

    private static final String MODULE = "fraud-detector";
    private static final String OVERLAY = "production";
    private static final String SCORED = "payments.transactions.scored";
    private static final String TRANSACTIONS = "payments.transactions";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The kit's default streams-kit.failures.fatal-attempts. */
    private static final int FATAL_ATTEMPTS = 3;
    private static final String STOP_LINE = "Stopping Kafka Streams, liveness DOWN";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SaslKafkaCluster broker;
    private static ApicurioRegistry registry;
    private static ServiceProcess fraud;
    private static AvroSerdes serdes;
    private static ServiceConfig service;
    private static List<Acl> acls;

    @BeforeAll
    static void startBrokerRegistryAndServiceWithItsKafkaUserAcls() throws Exception {
        Path data = ScratchDirs.create("sasl-acls");
        service = ServiceConfig.of(MODULE);
        acls = KafkaUserAcls.of(Manifests.overlay(OVERLAY), MODULE);
        registry = ApicurioRegistry.startOn(freePort(0), data.resolve("apicurio.log"));
        broker = SaslKafkaCluster.start();
        registry.awaitReady();
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.confluentApiUrl()));

        String password = UUID.randomUUID().toString();
        broker.addScramUser(MODULE, password);
        try (Admin admin = Admin.create(broker.adminConfig())) {
            List<AclBinding> bindings = acls.stream().flatMap(acl -> acl.bindings("User:" + MODULE).stream()).toList();
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            // Topics exist before the service starts, as KafkaTopics do; the service may not create them.
            admin.createTopics(DeclaredTopics.of(service).stream().map(KafkaUserAclsOnSaslBrokerIntegrationTest::newTopic)
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }

        Map<String, String> env = new HashMap<>();
        // The Kafka client settings as the production overlay passes them (STREAMSKIT_PROPERTIES_*), SCRAM over
        // SASL_PLAINTEXT here, SASL_SSL there; the JAAS line is what Strimzi writes into the KafkaUser's Secret.
        SaslKafkaCluster.scramClientProperties(MODULE, password).forEach((key, value) ->
                env.put("STREAMSKIT_PROPERTIES_" + key.toUpperCase().replace('.', '_'), value));
        env.put("STREAMS_KIT_TOPICS_CREATE", "false");
        env.put("STREAMS_KIT_REPLICATION_FACTOR", "1");
        int port = freePort(1000);
        fraud = ServiceProcess.start(new SuiteService(MODULE, MODULE, port, "/api/alerts"), Repo.ROOT, data,
                broker.bootstrapServers(), registry.confluentApiUrl(), env);
        fraud.awaitReady(WAIT);
    }

    @AfterAll
    static void stopAll() {
        if (fraud != null) {
            fraud.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void processesTransactionsEndToEndWithExactlyTheAclsOfItsKafkaUser() {
        assertThat(acls).as("the KafkaUser grants topics, its group and its transactional ids")
                .extracting(Acl::type).contains("topic", "group", "transactionalId");
        List<String> sent = produceTransactions(20);

        List<ConsumerRecord<byte[], byte[]>> scored = readCommitted(SCORED, sent.size());

        assertThat(scored.stream().map(r -> transactionId(r.value())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(readCommitted(service.deadLetterTopic(), -1)).isEmpty();
        assertThat(logLines("Cannot read the limits of topic")).as("every declared topic's configs are readable")
                .isEmpty();
    }

    @Test
    @Order(2)
    void withoutWriteOnAnOutputTopicItStopsWithOneLineNamingThatPermissionAndWritesNoDeadLetter() throws Exception {
        try (Admin admin = Admin.create(broker.adminConfig())) {
            AclBinding writeOnScored = acls.stream()
                    .filter(acl -> acl.type().equals("topic") && acl.name().equals(SCORED))
                    .flatMap(acl -> acl.bindings("User:" + MODULE).stream())
                    .filter(binding -> binding.entry().operation() == AclOperation.WRITE)
                    .findFirst().orElseThrow();
            assertThat(writeOnScored.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
            assertThat(admin.deleteAcls(List.of(writeOnScored.toFilter())).all().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        produceTransactions(5);

        List<String> stopLines = awaitLogLines(STOP_LINE);
        HttpResponse<String> liveness = awaitLivenessDown();

        assertThat(stopLines).hasSize(1);
        assertThat(stopLines.get(0)).contains("Kafka refuses Write on topic " + SCORED + " (TopicAuthorizationException)")
                .contains("seen " + FATAL_ATTEMPTS + " time(s)");
        assertThat(logLines("Stream thread failed, replacing it")).as("replacements before the stop, then none")
                .hasSize(FATAL_ATTEMPTS - 1);
        assertThat(liveness.statusCode()).isEqualTo(503);
        assertThat(readCommitted(service.deadLetterTopic(), -1)).as("a refused permission is never a dead letter")
                .isEmpty();
    }

    private static List<String> produceTransactions(int count) {
        List<String> ids = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(broker.adminConfig());
        config.put("acks", "all");
        try (KafkaProducer<String, Transaction> producer = new KafkaProducer<>(config, new StringSerializer(),
                serdes.valueSerde(Transaction.class).serializer())) {
            for (int i = 0; i < count; i++) {
                String card = String.format("40000%011d", i % 5);
                String id = "sasl-" + UUID.randomUUID();
                Transaction tx = Transaction.newBuilder().setTransactionId(id).setCardId(card).setAccountId("acc-sasl")
                        .setAmount(new BigDecimal("12.50")).setCurrency("EUR").setMerchantId("merchant-1")
                        .setMerchantCategory("5411").setCountry("DE").setLocation(new GeoPoint(52.52, 13.405))
                        .setChannel(Channel.POS).setEventTime(Instant.now()).setDeviceId(null).build();
                producer.send(new ProducerRecord<>(TRANSACTIONS, card, tx)).get(30, TimeUnit.SECONDS);
                ids.add(id);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce transactions", e);
        }
        return ids;
    }

    /** Committed records of the topic, read as the admin: until {@code expected} arrived, or all there are (-1). */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(broker.adminConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (expected >= 0 ? records.size() >= expected
                        : end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String transactionId(byte[] value) {
        ScoredTransaction scored = serdes.valueSerde(ScoredTransaction.class).deserializer().deserialize(SCORED, value);
        return String.valueOf(scored.getTransactionId());
    }

    private static List<String> awaitLogLines(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<String> lines = logLines(text);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            sleep(500);
            lines = logLines(text);
        }
        return lines;
    }

    private static List<String> logLines(String text) {
        try {
            return Files.readAllLines(fraud.process().logFile()).stream().filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> awaitLivenessDown() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = liveness();
        while (response.statusCode() == 200 && System.nanoTime() < deadline) {
            sleep(500);
            response = liveness();
        }
        return response;
    }

    private static HttpResponse<String> liveness() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fraud.baseUrl() + "/livez")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static NewTopic newTopic(TopicSpec spec) {
        return new NewTopic(spec.name(), spec.partitions() != null ? spec.partitions() : 3, (short) 1)
                .configs(spec.configs());
    }

    /** A free port whose neighbour {@code offset} above is free too (the service's management port is +1000). */
    private static int freePort(int offset) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (offset == 0 || port + offset <= 65535 && isFree(port + offset)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port pair");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
