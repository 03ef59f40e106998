package io.streamsuite.fraud.card;

import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.schemas.payments.AccountProfile;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global profile store: each account's {@link ProfileHistory}, every profile under its own
 * {@code updatedAt}, so an update arriving late lands in the history where it belongs. The time comes
 * from the profile, not the record, because a global store is restored by running this again on the
 * raw records.
 */
public final class AccountProfiles implements Processor<String, AccountProfile, Void, Void> {

    private final long retentionMs;
    private final DecodedProfiles decoded;
    private KeyValueStore<String, ProfileHistory> profiles;

    public AccountProfiles(Duration retention, DecodedProfiles decoded) {
        this.retentionMs = retention.toMillis();
        this.decoded = decoded;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        profiles = context.getStateStore(FraudTopics.ACCOUNT_PROFILES_STORE);
    }

    @Override
    public void process(Record<String, AccountProfile> record) {
        if (record.key() == null) {
            return;
        }
        AccountProfile profile = record.value();
        long validFrom = profile == null ? record.timestamp() : profile.getUpdatedAt().toEpochMilli();
        ProfileHistory history = decoded.get(profiles, record.key());
        decoded.put(profiles, record.key(), (history == null ? ProfileHistory.empty() : history).with(validFrom, profile, retentionMs));
    }
}
