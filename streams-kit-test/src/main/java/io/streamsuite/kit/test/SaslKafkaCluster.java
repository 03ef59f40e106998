package io.streamsuite.kit.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft broker (Kafka's own {@link KafkaClusterTestKit}, one combined node) that lets nobody in
 * unauthenticated and nobody do anything without an ACL: SASL_PLAINTEXT listeners, the standard authorizer
 * with {@code allow.everyone.if.no.acl.found=false}. The admin is a PLAIN super user; services log in with
 * SCRAM-SHA-512 (as a Strimzi KafkaUser does) under users the test adds and grants ACLs to.
 */
public final class SaslKafkaCluster implements AutoCloseable {

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final KafkaClusterTestKit cluster;

    private SaslKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static SaslKafkaCluster start() {
        // The broker's JAAS section (written by the test kit) names only PlainLoginModule, and SCRAM's server
        // provider registers itself when ScramLoginModule loads: without this a SCRAM login is dropped mid-handshake.
        ScramSaslServerProvider.initialize();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        try {
            // PLAIN stays for the broker's own links and the admin; SCRAM is what services use.
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("sasl.enabled.mechanisms", "PLAIN," + SCRAM_MECHANISM)
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new SaslKafkaCluster(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The SASL broker did not start: " + e, e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The super user's client settings (PLAIN): for creating topics, users and ACLs, and reading anything. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return config;
    }

    /**
     * Client settings of a SCRAM user, as Kafka client properties (security.protocol, sasl.mechanism and the
     * sasl.jaas.config a Strimzi KafkaUser's Secret holds).
     */
    public static Map<String, String> scramClientProperties(String user, String password) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** Adds (or resets) a SCRAM-SHA-512 user, as Strimzi's User Operator does for a KafkaUser. */
    public void addScramUser(String user, String password) {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not add SCRAM user " + user + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("[sasl-kafka] failed to stop the broker: " + e);
        }
    }
}
