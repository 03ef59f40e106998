package io.streamsuite.benchmarks.serde;

import io.streamsuite.benchmarks.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link SerdeBenchmark} with JMH and turns it into rows: registry serde ops/s against plain Avro, overhead %. */
public final class SerdeOverhead {

    /** The target: the registry serde costs less than 15 % over plain Avro binary encoding. */
    public static final double MAX_OVERHEAD_PERCENT = 15.0;

    private SerdeOverhead() {
    }

    public static List<Row> measure(int forks, int warmupIterations, int iterations, int secondsPerIteration) {
        Options options = new OptionsBuilder()
                .include(SerdeBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(secondsPerIteration))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(secondsPerIteration))
                .threads(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run of the serde benchmark failed", e);
        }
        List<Row> rows = new ArrayList<>();
        rows.addAll(pair(results, "serialize"));
        rows.addAll(pair(results, "deserialize"));
        return rows;
    }

    private static List<Row> pair(Collection<RunResult> results, String operation) {
        double registry = score(results, operation + "Registry");
        double plain = score(results, operation + "PlainAvro");
        double overheadPercent = (plain / registry - 1) * 100;
        return List.of(
                new Row("serde (JMH)", operation + " Transaction, registry serde", registry, "ops/s",
                        "plain Avro", plain, null, null),
                new Row("serde (JMH)", operation + " overhead vs plain Avro", overheadPercent, "%",
                        "", Double.NaN, "< " + (int) MAX_OVERHEAD_PERCENT + " %", overheadPercent < MAX_OVERHEAD_PERCENT));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH gave no result for " + method))
                .getPrimaryResult().getScore();
    }
}
