package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Args;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault drills, each on a fresh broker, registry and fraud-detector: crash, poison at load, broker restart,
 * registry outage, REST fuzz; and the other services' crash drills (recs-crash, iot-crash), each beside an
 * uninterrupted run on a second broker. Prints PASS/FAIL with the counts each checked; exits 1 when any fails.
 * {@code java -cp benchmarks/target/benchmarks.jar io.streamsuite.benchmarks.drills.FaultDrills [--short]
 * [--only=crash,poison,broker,registry,fuzz,recs-crash,iot-crash] [--seed=7]}
 */
public final class FaultDrills {

    interface Drill {
        DrillResult run(DrillStack stack, DrillSizes sizes, long seed);
    }

    static final Map<String, Drill> DRILLS = new LinkedHashMap<>();

    static {
        DRILLS.put("crash", CrashDrill::run);
        DRILLS.put("poison", PoisonDrill::run);
        DRILLS.put("broker", BrokerRestartDrill::run);
        DRILLS.put("registry", RegistryOutageDrill::run);
        DRILLS.put("fuzz", RestFuzzDrill::run);
        DRILLS.put("recs-crash", RecsCrashDrill::run);
        DRILLS.put("iot-crash", IotCrashDrill::run);
    }

    private FaultDrills() {
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, Set.of("short", "only", "seed", "repo-root", "data-dir", "base-port"));
        List<DrillResult> results = run(args.flag("short") ? DrillSizes.quick() : DrillSizes.full(),
                List.of(args.text("only", String.join(",", DRILLS.keySet())).split(",")),
                args.number("seed", 7), args.path("repo-root", ".").toAbsolutePath().normalize(),
                args.path("data-dir", "benchmarks/target/drills").toAbsolutePath(), args.integer("base-port", 39192));
        System.exit(results.stream().allMatch(DrillResult::passed) ? 0 : 1);
    }

    /** Runs the chosen drills one after the other; a drill that throws is a FAIL with the reason, not an abort. */
    public static List<DrillResult> run(DrillSizes sizes, List<String> names, long seed, Path repoRoot, Path data, int basePort) {
        List<DrillResult> results = new ArrayList<>();
        for (String name : names) {
            Drill drill = DRILLS.get(name.trim());
            if (drill == null) {
                throw new IllegalArgumentException("Unknown drill " + name + "; known: " + DRILLS.keySet());
            }
            System.out.println("[drills] " + name + " ...");
            DrillResult result;
            try (DrillStack stack = new DrillStack(repoRoot, data.resolve(name.trim()), basePort)) {
                result = drill.run(stack, sizes, seed);
            } catch (RuntimeException e) {
                result = new DrillResult(name).fail("the drill ran to the end, but: " + e + causes(e));
            }
            System.out.println(result);
            results.add(result);
        }
        System.out.println();
        results.forEach(r -> System.out.println((r.passed() ? "PASS " : "FAIL ") + r.name()));
        return results;
    }

    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.append(" <- ").append(c);
        }
        return out.toString();
    }

    static List<String> names() {
        return new ArrayList<>(Arrays.asList(DRILLS.keySet().toArray(String[]::new)));
    }
}
