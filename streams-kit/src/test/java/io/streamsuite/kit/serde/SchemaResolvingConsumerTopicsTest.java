package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaResolvingConsumerTopicsTest {

    @Test
    void foreignKeyJoinSubscriptionTopicsAreNotReadAsRegistryFramed() {
        assertThat(SchemaResolvingConsumer.registryFramed("recommendation-updater-stock-join-subscription-registration-topic")).isFalse();
        assertThat(SchemaResolvingConsumer.registryFramed("recommendation-updater-stock-join-subscription-response-topic")).isFalse();
        assertThat(SchemaResolvingConsumer.registryFramed("app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000010-topic")).isFalse();
    }

    @Test
    void inputAndRepartitionTopicsAreRegistryFramed() {
        assertThat(SchemaResolvingConsumer.registryFramed("shop.interactions")).isTrue();
        assertThat(SchemaResolvingConsumer.registryFramed("recommendation-updater-candidates-repartition")).isTrue();
    }
}
