package io.streamsuite.fraud.card;

import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.schemas.payments.AccountProfile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * Keeps the global versioned profile store: every profile under its own {@code updatedAt}, so an
 * update arriving late lands in the history where it belongs. The time comes from the profile, not
 * the record, because a global store is restored by running this again on the raw records.
 */
public final class AccountProfiles implements Processor<String, AccountProfile, Void, Void> {

    private VersionedKeyValueStore<String, AccountProfile> profiles;

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
        profiles.put(record.key(), profile, validFrom);
    }
}
