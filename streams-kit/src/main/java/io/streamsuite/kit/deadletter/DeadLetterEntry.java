package io.streamsuite.kit.deadletter;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One dead letter as the REST API shows it: where it sits in the DLQ, where it came from, why it
 * failed, its raw bytes (base64) and, where they decode with the registry, a JSON preview.
 */
public record DeadLetterEntry(
        int partition,
        long offset,
        Instant timestamp,
        Instant failedAt,
        String reason,
        String exception,
        String message,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        String applicationId,
        String processorNodeId,
        String taskId,
        String payload,
        Map<String, String> headers,
        String keyBase64,
        String valueBase64,
        JsonNode keyPreview,
        JsonNode valuePreview,
        boolean replayed,
        ReplayMark lastReplay) {
}
