package io.streamsuite.kit.config;

import io.streamsuite.kit.topology.TopologyView;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;

/**
 * The version a deployment appends to its output topic names ({@code streams-kit.output-version}), so a second
 * deployment under a new application id can reprocess from the earliest input into {@code fraud.alerts.v2}, … while
 * the first keeps writing {@code fraud.alerts}. Empty (the default) leaves every name as declared. Inputs, the
 * dead-letter topic and the kit's own topics are not versioned: the latter two follow the application id already.
 */
public record OutputVersion(String version) {

    public static final String SETTING = "streams-kit.output-version";

    /**
     * Letters, digits and dashes, starting with a letter or digit: legal in a topic name, and no '.' or '_', which
     * Kafka's metric names confuse (a version "a_b" would collide with a topic "x.a.b").
     */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9-]{0,31}";

    /** Kafka refuses topic names longer than this. */
    static final int MAX_TOPIC_NAME_LENGTH = 249;

    private static final List<String> INTERNAL_SUFFIXES =
            List.of("-repartition", "-subscription-registration-topic", "-subscription-response-topic");

    private static final Pattern VALID = Pattern.compile(PATTERN);

    public static final OutputVersion NONE = new OutputVersion("");

    public OutputVersion {
        version = version == null ? "" : version.trim();
        if (!version.isEmpty() && !VALID.matcher(version).matches()) {
            throw new InvalidSettingException(SETTING, SETTING + " '" + version + "' is not a topic-name suffix: use"
                    + " 1 to 32 letters, digits or dashes, starting with a letter or digit (e.g. v2), or leave it empty");
        }
    }

    public static OutputVersion of(String version) {
        return new OutputVersion(version);
    }

    public boolean isVersioned() {
        return !version.isEmpty();
    }

    /** The name this deployment writes (and reads back) for an output declared as {@code base}: {@code base.version}. */
    public String topic(String base) {
        if (!isVersioned()) {
            return base;
        }
        String name = base + "." + version;
        if (name.length() > MAX_TOPIC_NAME_LENGTH) {
            throw new InvalidSettingException(SETTING, SETTING + " '" + version + "' makes the topic name " + name
                    + " longer than Kafka's " + MAX_TOPIC_NAME_LENGTH + " characters");
        }
        return name;
    }

    /**
     * Why a versioned deployment of this topology would touch the live (unversioned) outputs, or an empty list: a
     * sink outside the application's internal topics without the version, a declared output without it, or a source
     * that reads a versioned sink's unversioned name (an output read back, e.g. as a global table). The kit refuses
     * to start on any of these rather than have a reprocessing deployment write into what readers use.
     */
    public List<String> unversionedOutputs(Topology topology, List<TopicSpec> declared) {
        List<String> problems = new ArrayList<>();
        if (!isVersioned()) {
            return problems;
        }
        String suffix = "." + version;
        TopologyView view = TopologyView.of(topology.describe());
        List<String> sinks = view.sinkTopics();
        List<String> sources = view.sourceTopics();
        for (String sink : sinks) {
            if (!internal(sink) && !sink.endsWith(suffix)) {
                problems.add("the topology writes " + sink + ", not " + sink + suffix);
            }
        }
        for (TopicSpec spec : declared) {
            if (spec.role() == TopicSpec.Role.OUTPUT && !spec.name().endsWith(suffix)) {
                problems.add("output " + spec.name() + " is declared without " + suffix);
            }
        }
        for (String sink : sinks) {
            if (sink.endsWith(suffix)) {
                String live = sink.substring(0, sink.length() - suffix.length());
                if (sources.contains(live)) {
                    problems.add("the topology reads " + live + " back, not " + sink);
                }
            }
        }
        return problems;
    }

    /**
     * How this version's deployment differs from the live one beyond its output names, or an empty list: what
     * {@link #unversionedOutputs} says, declared outputs not the live ones under this version, declared inputs not
     * the live ones, a sink that is not a versioned output, a live input not read, or a source that is neither a live
     * input nor a versioned output read back. For each service's test of its topics and topology under a version.
     */
    public List<String> differencesFromLive(Topology versioned, List<TopicSpec> live, List<TopicSpec> declared) {
        List<String> differences = new ArrayList<>(unversionedOutputs(versioned, declared));
        List<String> outputs = names(declared, TopicSpec.Role.OUTPUT);
        List<String> inputs = names(live, TopicSpec.Role.INPUT);
        if (!outputs.equals(names(live, TopicSpec.Role.OUTPUT).stream().map(this::topic).toList())) {
            differences.add("declared outputs " + outputs + " are not the live ones under " + this);
        }
        if (!names(declared, TopicSpec.Role.INPUT).equals(inputs)) {
            differences.add("declared inputs " + names(declared, TopicSpec.Role.INPUT) + " are not the live ones " + inputs);
        }
        TopologyView view = TopologyView.of(versioned.describe());
        view.sinkTopics().stream().filter(sink -> !internal(sink) && !outputs.contains(sink))
                .forEach(sink -> differences.add("the topology writes " + sink + ", which is not a declared output"));
        inputs.stream().filter(input -> !view.sourceTopics().contains(input))
                .forEach(input -> differences.add("the topology does not read input " + input));
        view.sourceTopics().stream().filter(source -> !internal(source) && !inputs.contains(source) && !outputs.contains(source))
                .forEach(source -> differences.add("the topology reads " + source + ", neither an input nor a versioned output"));
        return differences;
    }

    private static List<String> names(List<TopicSpec> specs, TopicSpec.Role role) {
        return specs.stream().filter(spec -> spec.role() == role).map(TopicSpec::name).toList();
    }

    /** Repartitions and a foreign-key join's topics: the description names them without the application id. */
    private static boolean internal(String sink) {
        return INTERNAL_SUFFIXES.stream().anyMatch(sink::endsWith);
    }

    @Override
    public String toString() {
        return isVersioned() ? version : "(none)";
    }
}
