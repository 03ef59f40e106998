package io.streamsuite.kit.deadletter;

import tools.jackson.databind.JsonNode;

/** Renders key or value bytes as JSON when they decode (Confluent wire format through the registry). */
@FunctionalInterface
interface PayloadPreview {

    /** The JSON form, or null when the bytes are not a registry-encoded record; throws when the registry fails. */
    JsonNode preview(String topic, byte[] bytes) throws Exception;

    PayloadPreview NONE = (topic, bytes) -> null;
}
