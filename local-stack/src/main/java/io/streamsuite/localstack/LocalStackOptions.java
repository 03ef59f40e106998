package io.streamsuite.localstack;

import java.nio.file.Path;
import java.time.Duration;

/** Command-line options of the local stack; every default works on a fresh machine. */
public record LocalStackOptions(Path repoRoot, Path dataDir, int kafkaPort, int controllerPort, int registryPort,
                                int servicePort, int simulatorRate, String simulatorDuration, long seed,
                                Duration healthInterval, int overviewPort) {

    static final String USAGE = "usage: ./run-local [--data-dir=.local-stack] [--kafka-port=9092] "
            + "[--controller-port=9093] [--registry-port=8081] [--service-port=8080] [--rate=20 (simulator events/s; 0 = off)] "
            + "[--duration=24h] [--seed=42] [--health-interval=30s] [--overview-port=8090]";

    public static LocalStackOptions parse(String[] args) {
        Path repo = Path.of("").toAbsolutePath();
        Path data = repo.resolve(".local-stack");
        int kafka = 9092;
        int controller = 9093;
        int registry = 8081;
        int service = 8080;
        int rate = 20;
        String duration = "24h";
        long seed = 42;
        Duration health = Duration.ofSeconds(30);
        int overview = 8090;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "data-dir" -> data = Path.of(value).toAbsolutePath();
                case "kafka-port" -> kafka = port(name, value);
                case "controller-port" -> controller = port(name, value);
                case "registry-port" -> registry = port(name, value);
                case "service-port" -> service = port(name, value);
                case "rate" -> rate = nonNegative(name, value);
                case "duration" -> duration = value;
                case "seed" -> seed = number(name, value);
                case "overview-port" -> overview = port(name, value);
                case "health-interval" -> health = Duration.ofSeconds(Math.max(1, nonNegative(name, value.replace("s", ""))));
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new LocalStackOptions(repo, data, kafka, controller, registry, service, rate, duration, seed, health, overview);
    }

    private static int port(String name, String value) {
        int port = (int) number(name, value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port between 1 and 65535, got " + value);
        }
        return port;
    }

    private static int nonNegative(String name, String value) {
        long number = number(name, value);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " must be a non-negative number, got " + value);
        }
        return (int) number;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }
}
