package io.streamsuite.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * "Older than these offsets": for each dead-letter partition, the exclusive upper bound of the next
 * page. Opaque to clients (base64url of {@code partition:offset,...}).
 */
record PageCursor(Map<Integer, Long> before) {

    PageCursor {
        before = Map.copyOf(before);
    }

    static PageCursor parse(String text) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DeadLetterProblem.badRequest("The cursor is not one this API returned: " + text);
        }
        Map<Integer, Long> before = new TreeMap<>();
        if (decoded.isEmpty()) {
            throw DeadLetterProblem.badRequest("The cursor is empty");
        }
        for (String part : decoded.split(",")) {
            String[] pair = part.split(":");
            try {
                if (pair.length != 2) {
                    throw new NumberFormatException(part);
                }
                int partition = Integer.parseInt(pair[0]);
                long offset = Long.parseLong(pair[1]);
                if (partition < 0 || offset < 0) {
                    throw new NumberFormatException(part);
                }
                before.put(partition, offset);
            } catch (NumberFormatException e) {
                throw DeadLetterProblem.badRequest("The cursor is not one this API returned: " + text);
            }
        }
        return new PageCursor(before);
    }

    String encode() {
        String plain = new TreeMap<>(before).entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
