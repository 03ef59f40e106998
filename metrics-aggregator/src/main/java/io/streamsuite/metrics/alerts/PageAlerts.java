package io.streamsuite.metrics.alerts;

import io.streamsuite.schemas.web.PageAlert;
import io.streamsuite.schemas.web.PageAlertMetric;
import io.streamsuite.schemas.web.PageAlertState;
import io.streamsuite.schemas.web.PageViewWindow;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Alerts from closed page windows (keyed by page, in the page's own task): FIRING after
 * {@code consecutiveWindows} adjacent bad windows, RECOVERED at the first good one; one record per
 * transition. Decides first, then writes the state, so a failure leaves no half-applied window.
 */
public class PageAlerts implements Processor<String, PageViewWindow, String, PageAlert> {

    private final AlertThresholds thresholds;
    private final long windowSize;
    private final String storeName;
    private ProcessorContext<String, PageAlert> context;
    private KeyValueStore<String, AlertTracks> states;

    public PageAlerts(AlertThresholds thresholds, long windowSize, String storeName) {
        this.thresholds = thresholds;
        this.windowSize = windowSize;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, PageAlert> context) {
        this.context = context;
        this.states = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, PageViewWindow> record) {
        PageViewWindow window = record.value();
        AlertTracks state = states.get(record.key());
        if (state == null) {
            state = AlertTracks.NEW;
        }
        long start = window.getWindowStart().toEpochMilli();
        boolean evidence = window.getViews() >= thresholds.minViews();
        Long p99 = window.getP99LatencyMs();
        double p99Value = p99 == null ? 0 : p99;
        double errorRate = window.getViews() == 0 ? 0 : (double) window.getErrorCount() / window.getViews();

        AlertTrack.Step latency = state.latency().next(start, windowSize, evidence && p99 != null,
                p99Value > thresholds.p99Ms(), thresholds.consecutiveWindows());
        AlertTrack.Step errors = state.errors().next(start, windowSize, evidence,
                errorRate > thresholds.errorRate(), thresholds.consecutiveWindows());
        List<PageAlert> alerts = new ArrayList<>(2);
        alert(window, PageAlertMetric.P99_LATENCY, latency.transition(), p99Value, thresholds.p99Ms(), alerts);
        alert(window, PageAlertMetric.ERROR_RATE, errors.transition(), errorRate, thresholds.errorRate(), alerts);

        states.put(record.key(), new AlertTracks(latency.track(), errors.track()));
        for (PageAlert alert : alerts) {
            context.forward(record.withValue(alert));
        }
    }

    private static void alert(PageViewWindow window, PageAlertMetric metric, AlertTrack.Transition transition,
                              double value, double threshold, List<PageAlert> out) {
        if (transition == AlertTrack.Transition.NONE) {
            return;
        }
        out.add(PageAlert.newBuilder()
                .setPage(window.getPage())
                .setMetric(metric)
                .setState(transition == AlertTrack.Transition.FIRING
                        ? PageAlertState.FIRING
                        : PageAlertState.RECOVERED)
                .setValue(value)
                .setThreshold(threshold)
                .setWindowStart(window.getWindowStart())
                .setWindowEnd(window.getWindowEnd())
                .build());
    }
}
