package io.streamsuite.fraud.currency;

import io.streamsuite.fraud.FraudTopics;
import io.streamsuite.schemas.payments.ExchangeRate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global exchange-rate store from the compacted rates topic: the latest usable rate per
 * currency. A rate that is not positive is ignored (the previous one stays); a tombstone removes it.
 */
public final class ExchangeRates implements Processor<String, ExchangeRate, Void, Void> {

    private KeyValueStore<String, Rate> rates;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rates = context.getStateStore(FraudTopics.EXCHANGE_RATES_STORE);
    }

    @Override
    public void process(Record<String, ExchangeRate> record) {
        if (record.key() == null) {
            return;
        }
        ExchangeRate rate = record.value();
        if (rate == null) {
            rates.delete(record.key());
        } else if (rate.getRate().signum() > 0) {
            rates.put(record.key(), new Rate(rate.getBaseCurrency(), rate.getRate()));
        }
    }
}
