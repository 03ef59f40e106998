package io.streamsuite.benchmarks.serde;

import io.streamsuite.benchmarks.Args;
import io.streamsuite.benchmarks.MachineFacts;
import io.streamsuite.benchmarks.Results;
import java.nio.file.Path;
import java.util.Set;

/**
 * The serde micro-benchmark alone: {@code java -cp benchmarks/target/benchmarks.jar
 * io.streamsuite.benchmarks.serde.SerdeBenchmarks [--forks=2 --warmup=5 --iterations=10 --seconds=2]}.
 * Writes benchmarks/results/serde.md and serde.html; exits 1 when the overhead target is missed.
 */
public final class SerdeBenchmarks {

    private SerdeBenchmarks() {
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, Set.of("forks", "warmup", "iterations", "seconds", "results-dir", "short"));
        boolean quick = args.flag("short");
        int forks = args.integer("forks", quick ? 1 : 2);
        int warmup = args.integer("warmup", quick ? 2 : 5);
        int iterations = args.integer("iterations", quick ? 3 : 10);
        int seconds = args.integer("seconds", quick ? 1 : 2);
        Results results = new Results("Serde micro-benchmark (JMH)", MachineFacts.collect());
        results.setting("JMH forks × warm-up × iterations × seconds", forks + " × " + warmup + " × " + iterations + " × " + seconds);
        results.addAll(SerdeOverhead.measure(forks, warmup, iterations, seconds));
        System.out.println();
        System.out.print(results.table());
        Path dir = args.path("results-dir", "benchmarks/results");
        results.write(dir.resolve("serde.md"), dir.resolve("serde.html"));
        System.out.println("written: " + dir.resolve("serde.md") + ", " + dir.resolve("serde.html"));
        System.exit(results.anyMissed() ? 1 : 0);
    }
}
