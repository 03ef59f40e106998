package io.streamsuite.fraud.alerts;

import io.streamsuite.fraud.SortableKeys;
import io.streamsuite.schemas.payments.FraudAlert;

/**
 * Keys of the recent-alerts store: their byte order is newest event first, so the first entries
 * of a plain scan are the most recent alerts and trimming drops the tail.
 */
public final class RecentAlerts {

    private RecentAlerts() {
    }

    public static String key(FraudAlert alert) {
        long reversed = Long.MAX_VALUE - Math.max(0, alert.getEventTime().toEpochMilli());
        return SortableKeys.zeroPadded(reversed) + ':' + alert.getAlertId();
    }
}
