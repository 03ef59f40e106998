package io.streamsuite.metrics;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.schemas.DomainTopics;
import java.util.List;

/** Every topic, repartition and store name of the service, declared once. */
public final class MetricsTopics {

    public static final String APPLICATION_ID = "metrics-aggregator";

    public static final String PAGE_VIEWS = DomainTopics.WEB_PAGE_VIEWS;
    public static final String PAGE_COUNTS = "analytics.page-counts";
    public static final String LATE_PAGE_VIEWS = "analytics.late-page-views";
    public static final String ALERTS = "analytics.alerts";
    public static final String SESSIONS = "analytics.sessions";

    /** Repartition names; Kafka Streams names the topics {@code <application-id>-<name>-repartition}. */
    public static final String PAGE_VIEWS_BY_PAGE = "page-views-by-page";
    public static final String PAGE_WINDOWS_BY_WINDOW = "page-windows-by-window";

    /** Stores; each has a changelog {@code <application-id>-<store>-changelog}. */
    public static final String PAGE_MINUTES_STORE = "analytics.page-minutes";
    public static final String ALERT_STATE_STORE = "analytics.page-alert-state";
    public static final String TOP_PAGES_STORE = "analytics.top-pages";
    public static final String SESSIONS_STORE = "analytics.user-sessions";
    /** No data, no changelog: where the page minutes' live sketches are written to their store at each commit. */
    public static final String PAGE_MINUTES_COMMIT_HOOK = "analytics.page-minutes-commit";
    /** The same for the open sessions. */
    public static final String SESSIONS_COMMIT_HOOK = "analytics.user-sessions-commit";

    private MetricsTopics() {
    }

    public static List<TopicSpec> specs() {
        return specs(OutputVersion.NONE);
    }

    /** As deployed with {@code streams-kit.output-version}: the outputs under their versioned names. */
    public static List<TopicSpec> specs(OutputVersion outputs) {
        return List.of(
                TopicSpec.input(PAGE_VIEWS),
                TopicSpec.output(outputs.topic(PAGE_COUNTS)),
                TopicSpec.output(outputs.topic(LATE_PAGE_VIEWS)),
                TopicSpec.output(outputs.topic(ALERTS)),
                TopicSpec.output(outputs.topic(SESSIONS)));
    }

    /** The internal topics Kafka Streams creates (listed for deployments that pre-create topics and grant ACLs). */
    public static List<String> internalTopics() {
        return List.of(
                repartition(PAGE_VIEWS_BY_PAGE), repartition(PAGE_WINDOWS_BY_WINDOW),
                changelog(PAGE_MINUTES_STORE), changelog(ALERT_STATE_STORE), changelog(TOP_PAGES_STORE),
                changelog(SESSIONS_STORE));
    }

    /** Stores without a changelog (they hold no data), so without an internal topic. */
    public static List<String> unloggedStores() {
        return List.of(PAGE_MINUTES_COMMIT_HOOK, SESSIONS_COMMIT_HOOK);
    }

    public static String repartition(String name) {
        return APPLICATION_ID + "-" + name + "-repartition";
    }

    public static String changelog(String store) {
        return APPLICATION_ID + "-" + store + "-changelog";
    }
}
