package io.streamsuite.kit.deadletter;

import java.util.Locale;

/** Where in the pipeline a record failed; the {@code reason} tag of the metrics and a dead-letter header. */
public enum Reason {
    DESERIALIZATION, PROCESSING, PRODUCTION;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Reason fromTag(String tag) {
        if (tag == null) {
            return null;
        }
        for (Reason reason : values()) {
            if (reason.tag().equals(tag)) {
                return reason;
            }
        }
        return null;
    }
}
