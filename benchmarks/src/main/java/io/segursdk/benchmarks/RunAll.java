package io.segursdk.benchmarks;

import io.segursdk.benchmarks.Callers.Mode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and prints a table of ratios to the raw baseline: end-to-end latency (p50, p99) and
 * throughput at 1, 4 and 16 callers, cold start (JVM launch to first completed call, in child JVMs), and JMH's
 * per-call sample. Latency and throughput are measured in short windows, the three callers taking turns, and each
 * figure is the median over the windows: on a shared machine every caller then sees the same outside load.
 * Settings (system properties): {@code bench.warmupSeconds} (3, per caller and concurrency level),
 * {@code bench.windowMillis} (1500), {@code bench.rounds} (8 windows per caller and level), {@code bench.coldRuns} (5), {@code bench.callers} ("1,4,16"), {@code bench.jmh} (true),
 * {@code bench.largeSizes} ("1048576,1073741824": documents fed and retrieved by a -Xmx128m JVM),
 * {@code bench.output} (a file to write the table to).
 */
public final class RunAll {

    private RunAll() {
    }

    /**
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long warmup = Long.getLong("bench.warmupSeconds", 3) * 1000;
        long measure = Long.getLong("bench.windowMillis", 1500);
        long settle = 300;
        int rounds = Integer.getInteger("bench.rounds", 8);
        int coldRuns = Integer.getInteger("bench.coldRuns", 5);
        boolean jmh = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
        List<Long> largeSizes = new ArrayList<>();
        for (String v : System.getProperty("bench.largeSizes", "1048576,1073741824").split(",")) {
            if (!v.isBlank()) {
                largeSizes.add(Long.parseLong(v.trim()));
            }
        }
        StringBuilder large = new StringBuilder();
        int[] levels = java.util.Arrays.stream(System.getProperty("bench.callers", "1,4,16").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();

        Map<Mode, Map<Integer, List<LoadRun.Result>>> load = new EnumMap<>(Mode.class);
        Map<Mode, List<Long>> cold = new EnumMap<>(Mode.class);
        Map<Mode, List<Long>> coldCpu = new EnumMap<>(Mode.class);
        Map<Mode, List<Long>> coldClasses = new EnumMap<>(Mode.class);
        Map<Mode, Double> jmhP50 = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            load.put(m, new TreeMap<>());
            cold.put(m, new ArrayList<>());
            coldCpu.put(m, new ArrayList<>());
            coldClasses.put(m, new ArrayList<>());
        }

        try (Scenario scenario = new Scenario()) {
            Map<Mode, Callers.Caller> callers = new EnumMap<>(Mode.class);
            for (Mode m : Mode.values()) {
                callers.put(m, scenario.caller(m));
            }
            try {
                for (int level : levels) {
                    for (Mode m : Mode.values()) {
                        LoadRun.run(callers.get(m), level, warmup, 200); // warm-up: JIT, pools, TLS sessions
                    }
                    // Short windows, the modes alternating, so that every mode sees the same outside load.
                    for (int round = 0; round < rounds; round++) {
                        List<Mode> order = new ArrayList<>(List.of(Mode.values()));
                        if (round % 2 == 1) {
                            java.util.Collections.reverse(order);
                        }
                        for (Mode m : order) {
                            LoadRun.Result r = LoadRun.run(callers.get(m), level, settle, measure);
                            load.get(m).computeIfAbsent(level, k -> new ArrayList<>()).add(r);
                            log(String.format(Locale.ROOT, "window %d, %2d callers, %-8s p50 %7.3f ms  p99 %7.3f ms"
                                    + "  %8.1f calls/s  (%d calls, %d errors)", round + 1, level, m, r.p50Millis(),
                                    r.p99Millis(), r.callsPerSecond(), r.calls(), r.errors()));
                        }
                    }
                }
            } finally {
                callers.values().forEach(Callers.Caller::close);
            }

            Path dir = Files.createTempDirectory("segursdk-bench-");
            try {
                scenario.writeFiles(dir);
                for (int i = 0; i < coldRuns; i++) {
                    for (Mode m : Mode.values()) {
                        long[] r = coldStart(m, scenario, dir);
                        cold.get(m).add(r[0]);
                        coldCpu.get(m).add(r[1]);
                        coldClasses.get(m).add(r[2]);
                        log("cold start " + m + ": " + r[0] + " ms (process CPU " + r[1] + " ms, " + r[2]
                                + " classes loaded)");
                    }
                }
                if (!largeSizes.isEmpty()) {
                    try (BulkServer bulk = new BulkServer(scenario.pki())) {
                        for (long size : largeSizes) {
                            for (io.segursdk.core.soap.SoapEngine engine : io.segursdk.core.soap.SoapEngine.values()) {
                                String result = largeTransfer(engine, bulk, dir, size);
                                large.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", mib(size), engine,
                                        result));
                                log("large " + mib(size) + " " + engine + ": " + result);
                            }
                        }
                    }
                }
            } finally {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.deleteIfExists(dir);
            }
        }

        if (jmh) {
            Options options = new OptionsBuilder()
                    .include(SoapCallBenchmark.class.getName())
                    .forks(1)
                    .threads(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(3))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(3))
                    .timeUnit(TimeUnit.MICROSECONDS)
                    .build();
            for (RunResult r : new Runner(options).run()) {
                Mode m = Mode.valueOf(r.getParams().getParam("mode"));
                jmhP50.put(m, r.getPrimaryResult().getStatistics().getPercentile(50) / 1000.0);
            }
        }

        String table = table(load, cold, coldCpu, coldClasses, jmhP50, levels);
        if (large.length() > 0) {
            table += "\n| document | engine | feed (ms) / retrieve (ms) / peak heap (MiB), child JVM with -Xmx128m |\n"
                    + "|---|---|---|\n" + large;
        }
        System.out.println();
        System.out.println(table);
        String output = System.getProperty("bench.output");
        if (output != null) {
            Files.writeString(Path.of(output), table, StandardCharsets.UTF_8);
        }
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }

    /** @return {wall-clock ms from launch to first call done, process CPU ms at that point, classes loaded} */
    private static long[] coldStart(Mode mode, Scenario scenario, Path dir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ColdStart.class.getName(), mode.name(), scenario.endpoint().toString(), dir.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long launched = System.currentTimeMillis();
        Process p = pb.start();
        long[] done = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("FIRST_CALL_DONE ")) {
                    String[] f = line.split(" ");
                    done = new long[] {Long.parseLong(f[1]) - launched, Long.parseLong(f[2]), Long.parseLong(f[3])};
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (done == null) {
            throw new IllegalStateException("the " + mode + " cold start JVM did not complete its call");
        }
        return done;
    }

    private static String mib(long size) {
        return size >= 1 << 30 ? size / (1 << 30) + " GiB" : size / (1 << 20) + " MiB";
    }

    private static String largeTransfer(io.segursdk.core.soap.SoapEngine engine, BulkServer bulk, Path dir, long size)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LargeTransfer.class.getName(), engine.name(), bulk.uri("/").toString(), dir.toString(),
                Long.toString(size));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("LARGE_DONE ")) {
                    String[] f = line.split(" ");
                    result = f[1] + " / " + f[2] + " / " + f[3];
                } else if (tail.length() < 2000 && !line.startsWith("SLF4J")) {
                    tail.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return result != null ? result : "FAILED: " + tail.toString().lines().filter(l -> l.contains("Exception")
                || l.contains("Error")).findFirst().orElse("exit " + p.exitValue());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double metric(Map<Mode, Map<Integer, List<LoadRun.Result>>> load, Mode m, int level,
                                 java.util.function.ToDoubleFunction<LoadRun.Result> f) {
        List<Double> values = new ArrayList<>();
        for (LoadRun.Result r : load.get(m).get(level)) {
            values.add(f.applyAsDouble(r));
        }
        return median(values);
    }

    private static String table(Map<Mode, Map<Integer, List<LoadRun.Result>>> load, Map<Mode, List<Long>> cold,
                                Map<Mode, List<Long>> coldCpu, Map<Mode, List<Long>> coldClasses,
                                Map<Mode, Double> jmhP50, int[] levels) {
        StringBuilder sb = new StringBuilder();
        sb.append("| measure | raw HttpClient 5 | SDK standard | standard / raw | target | SDK CXF | CXF / raw |\n");
        sb.append("|---|---:|---:|---:|---|---:|---:|\n");
        for (int level : levels) {
            row(sb, "p50 latency, " + level + " caller" + (level > 1 ? "s" : "") + " (ms)",
                    metric(load, Mode.RAW, level, LoadRun.Result::p50Millis),
                    metric(load, Mode.STANDARD, level, LoadRun.Result::p50Millis),
                    metric(load, Mode.CXF, level, LoadRun.Result::p50Millis), level == 1 ? "≤ 1.10" : "");
            row(sb, "p99 latency, " + level + " caller" + (level > 1 ? "s" : "") + " (ms)",
                    metric(load, Mode.RAW, level, LoadRun.Result::p99Millis),
                    metric(load, Mode.STANDARD, level, LoadRun.Result::p99Millis),
                    metric(load, Mode.CXF, level, LoadRun.Result::p99Millis), "");
            row(sb, "throughput, " + level + " caller" + (level > 1 ? "s" : "") + " (calls/s)",
                    metric(load, Mode.RAW, level, LoadRun.Result::callsPerSecond),
                    metric(load, Mode.STANDARD, level, LoadRun.Result::callsPerSecond),
                    metric(load, Mode.CXF, level, LoadRun.Result::callsPerSecond), level == 16 ? "≥ 0.90" : "");
        }
        if (!cold.get(Mode.RAW).isEmpty()) {
            row(sb, "cold start, JVM launch → first call done, median of " + cold.get(Mode.RAW).size() + " (ms)",
                    median(longs(cold.get(Mode.RAW))), median(longs(cold.get(Mode.STANDARD))),
                    median(longs(cold.get(Mode.CXF))), "SDK ≤ 1000 ms");
            row(sb, "cold start, process CPU time at first call done, median (ms)",
                    median(longs(coldCpu.get(Mode.RAW))), median(longs(coldCpu.get(Mode.STANDARD))),
                    median(longs(coldCpu.get(Mode.CXF))), "");
            row(sb, "cold start, classes loaded at first call done, median",
                    median(longs(coldClasses.get(Mode.RAW))), median(longs(coldClasses.get(Mode.STANDARD))),
                    median(longs(coldClasses.get(Mode.CXF))), "");
        }
        if (jmhP50.size() == Mode.values().length) {
            row(sb, "JMH SampleTime p50, 1 thread (ms)", jmhP50.get(Mode.RAW), jmhP50.get(Mode.STANDARD),
                    jmhP50.get(Mode.CXF), "");
        }
        return sb.toString();
    }

    private static List<Double> longs(List<Long> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> out.add(v.doubleValue()));
        return out;
    }

    private static void row(StringBuilder sb, String name, double raw, double standard, double cxf, String target) {
        sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %s | %.3f | %.2f |%n", name, raw, standard,
                standard / raw, target, cxf, cxf / raw));
    }
}
