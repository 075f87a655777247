package io.segursdk.benchmarks;

import io.segursdk.benchmarks.InsiCallers.Mode;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.OrganisationProfile;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Runs every benchmark in one go and prints tables of ratios to the raw baselines:
 * <ol>
 * <li>INSi search end to end through {@code InsiClient} against the testkit's INSi simulator, beside plain
 *     HttpClient 5 POSTs of the same request bytes (same per-call assertion signature): p50, p99 and throughput at 1,
 *     4 and 16 callers, measured in short windows, the two callers taking turns; each figure is the median over the
 *     windows, so that on a shared machine both callers see the same outside load;</li>
 * <li>cold start, JVM launch to first completed INSi search, in child JVMs: default JVM, then with
 *     {@code -XX:TieredStopAtLevel=1}, then with an AppCDS archive as well (when the class path is made of jars);</li>
 * <li>batch qualification of many identities through {@code InsiClient.searchAll} with a rate limit, in a child JVM
 *     with {@code -Xmx128m}: achieved rate against the limit, results returned, time, peak heap;</li>
 * <li>JMH: the SDK's building blocks beside raw baselines ({@link ComponentBenchmark});</li>
 * <li>large documents fed and retrieved by a child JVM with {@code -Xmx128m}: through the public {@code DmpClient}
 *     API against the testkit's DMP simulator (ITI-41 with the document read from a content source, ITI-43 read as
 *     a stream), beside the baseline of the same sizes sent and received as MTOM attachments by SoapClient
 *     (standard engine) against a streaming loopback endpoint; each child JVM prints its time and peak heap (sum of
 *     the heap pools' peaks).</li>
 * </ol>
 * Settings (system properties): {@code bench.warmupSeconds} (3, per caller and concurrency level),
 * {@code bench.windowMillis} (1500), {@code bench.rounds} (8 windows per caller and level), {@code bench.callers}
 * ("1,4,16"), {@code bench.coldRuns} (5 per caller and JVM setting), {@code bench.batchSize} (10000),
 * {@code bench.batchRate} (250 calls per second), {@code bench.batchConcurrency} (8), {@code bench.jmh} (true),
 * {@code bench.jmhSeconds} (1: length of each JMH iteration, 2 warm-up and 3 measured),
 * {@code bench.largeSizes} ("1024,1048576,104857600,1073741824"; empty for none), {@code bench.only} ("large" runs
 * only the large documents), {@code bench.largeHeap} (the large-document child JVMs' -Xmx, "128m"), {@code bench.output} (a file to write the tables to).
 *
 * <p>Only the large documents, 1 KiB to 1 GiB:
 * {@code ./mvnw -B -pl benchmarks -am -Pbench verify -DskipTests -Dbench.args="-Dbench.only=large"}.
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
        int batchSize = Integer.getInteger("bench.batchSize", 10_000);
        int batchRate = Integer.getInteger("bench.batchRate", 250);
        int batchConcurrency = Integer.getInteger("bench.batchConcurrency", 8);
        boolean onlyLarge = "large".equals(System.getProperty("bench.only"));
        boolean jmh = !onlyLarge && Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
        int jmhSeconds = Integer.getInteger("bench.jmhSeconds", 1);
        List<Long> largeSizes = new ArrayList<>();
        for (String v : System.getProperty("bench.largeSizes", "1024,1048576,104857600,1073741824").split(",")) {
            if (!v.isBlank()) {
                largeSizes.add(Long.parseLong(v.trim()));
            }
        }
        int[] levels = Arrays.stream(System.getProperty("bench.callers", "1,4,16").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        String loadAtStart = loadAverage();
        StringBuilder out = new StringBuilder();
        out.append("Load average at start: ").append(loadAtStart).append("\n\n");

        try (InsiScenario scenario = new InsiScenario()) {
            byte[] template = scenario.requestTemplate();
            // ---------------------------------------------------------------- INSi end to end
            Map<Mode, Map<Integer, List<LoadRun.Result>>> load = new EnumMap<>(Mode.class);
            Map<Mode, Callers.Caller> callers = new EnumMap<>(Mode.class);
            for (Mode m : Mode.values()) {
                load.put(m, new TreeMap<>());
                callers.put(m, InsiCallers.create(m, scenario.endpoint(), scenario.signer(), scenario.tls(),
                        template));
            }
            try {
                for (int level : onlyLarge ? new int[0] : levels) {
                    for (Mode m : Mode.values()) {
                        LoadRun.run(callers.get(m), level, warmup, 200); // warm-up: JIT, pools, TLS sessions
                    }
                    for (int round = 0; round < rounds; round++) {
                        List<Mode> order = new ArrayList<>(List.of(Mode.values()));
                        if (round % 2 == 1) {
                            Collections.reverse(order);
                        }
                        for (Mode m : order) {
                            LoadRun.Result r = LoadRun.run(callers.get(m), level, settle, measure);
                            load.get(m).computeIfAbsent(level, k -> new ArrayList<>()).add(r);
                            log(String.format(Locale.ROOT, "window %d, %2d callers, %-4s p50 %7.3f ms  p99 %7.3f ms"
                                    + "  %8.1f calls/s  (%d calls, %d errors)", round + 1, level, m, r.p50Millis(),
                                    r.p99Millis(), r.callsPerSecond(), r.calls(), r.errors()));
                        }
                    }
                }
            } finally {
                callers.values().forEach(Callers.Caller::close);
            }
            if (!onlyLarge) {
                out.append(loadTable(load, levels)).append('\n');
            }

            Path dir = Files.createTempDirectory("segursdk-bench-");
            try {
                scenario.writeFiles(dir);
                if (!onlyLarge) {
                    // -------------------------------------------------------- cold start
                    out.append(coldStarts(scenario, dir, coldRuns)).append('\n');
                    // -------------------------------------------------------- batch
                    out.append(batch(scenario, dir, batchSize, batchRate, batchConcurrency)).append('\n');
                }
                // ------------------------------------------------------------ large documents
                if (!largeSizes.isEmpty()) {
                    scenario.pki().issueOrganisation(OrganisationProfile.insiAuto("10B0152872"))
                            .writePkcs12(dir.resolve("tls.p12"), Scenario.PASSWORD);
                    scenario.pki().issueCps(CpsProfile.physician(DmpLargeTransfer.RPPS))
                            .writePkcs12(dir.resolve("cps-auth.p12"), Scenario.PASSWORD);
                    scenario.pki().issueCps(CpsProfile.physician(DmpLargeTransfer.RPPS).toBuilder()
                            .usage(CpsUsage.SIGNATURE).build()).writePkcs12(dir.resolve("cps-sign.p12"),
                            Scenario.PASSWORD);
                    StringBuilder large = new StringBuilder();
                    large.append("| document, child JVM with -Xmx" + System.getProperty("bench.largeHeap", "128m")
                            + ": feed (ms) / retrieve (ms) / peak heap (MiB) "
                            + "| baseline: SoapClient (standard engine), MTOM to a streaming endpoint "
                            + "| SDK: DmpClient ITI-41 / ITI-43 against the testkit's DMP simulator |\n"
                            + "|---|---|---|\n");
                    String[] patient = {"279035121518989", "1.2.250.1.213.1.4.10"};
                    try (BulkServer bulk = new BulkServer(scenario.pki());
                         DmpSimulator dmp = DmpSimulator.start(scenario.pki())) {
                        dmp.patient(patient[0], patient[1]).open().authorise("8" + DmpLargeTransfer.RPPS);
                        for (long size : largeSizes) {
                            String raw = child(LargeTransfer.class, List.of(
                                    io.segursdk.core.soap.SoapEngine.STANDARD.name(), bulk.uri("/").toString(),
                                    dir.toString(), Long.toString(size)));
                            log("large " + size(size) + ", SoapClient: " + raw);
                            String sdk = child(DmpLargeTransfer.class, List.of(dmp.baseUri().toString(),
                                    dir.toString(), patient[0], patient[1], Long.toString(size)));
                            log("large " + size(size) + ", DmpClient: " + sdk);
                            large.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", size(size), raw, sdk));
                        }
                    }
                    out.append(large).append('\n');
                }
            } finally {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.deleteIfExists(dir);
            }
        }

        // -------------------------------------------------------------------- JMH building blocks
        if (jmh) {
            Options options = new OptionsBuilder()
                    .include(ComponentBenchmark.class.getName())
                    .forks(1)
                    .threads(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(jmhSeconds))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(jmhSeconds))
                    .timeUnit(TimeUnit.MICROSECONDS)
                    .build();
            Map<String, Double> score = new HashMap<>();
            for (RunResult r : new Runner(options).run()) {
                String label = r.getParams().getBenchmark();
                score.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
            }
            StringBuilder sb = new StringBuilder();
            sb.append("| building block (JMH, average, 1 thread) | baseline (µs) | SDK (µs) | SDK / baseline "
                    + "| target |\n|---|---:|---:|---:|---|\n");
            for (String[] pair : ComponentBenchmark.PAIRS) {
                Double sdk = score.get(pair[0]);
                Double base = score.get(pair[1]);
                if (sdk != null && base != null) {
                    sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s |%n", pair[3], base, sdk,
                            sdk / base, pair[2]));
                }
            }
            out.append(sb).append('\n');
        }
        out.append("Load average at end: ").append(loadAverage()).append('\n');

        String table = out.toString();
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

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min; " + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ------------------------------------------------------------------------------------------------ cold start

    private static String coldStarts(InsiScenario scenario, Path dir, int runs) throws Exception {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("default JVM", List.of());
        settings.put("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"));
        String jars = jarClassPath();
        if (jars != null) {
            // the archive is made by one SDK run, then used by both callers (vendors make theirs from their app)
            Path jsa = dir.resolve("insi.jsa");
            try {
                run(List.of("-XX:ArchiveClassesAtExit=" + jsa), jars, Mode.SDK, scenario, dir);
            } catch (IllegalStateException e) {
                log("no AppCDS archive: the jars could not make the call (" + e.getMessage() + ")");
            }
            if (Files.exists(jsa)) {
                settings.put("AppCDS + -XX:TieredStopAtLevel=1", List.of("-XX:SharedArchiveFile=" + jsa,
                        "-XX:TieredStopAtLevel=1"));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| cold start, JVM launch → first INSi search done, median of ").append(runs)
                .append(" | raw HttpClient 5 | SDK InsiClient | SDK / raw | target |\n|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, List<String>> s : settings.entrySet()) {
            String cp = s.getKey().startsWith("AppCDS") ? jars : System.getProperty("java.class.path");
            Map<Mode, List<long[]>> results = new EnumMap<>(Mode.class);
            for (int i = 0; i < runs; i++) {
                for (Mode m : Mode.values()) {
                    long[] r = run(s.getValue(), cp, m, scenario, dir);
                    results.computeIfAbsent(m, k -> new ArrayList<>()).add(r);
                    log("cold start, " + s.getKey() + ", " + m + ": " + r[0] + " ms (process CPU " + r[1] + " ms, "
                            + r[2] + " classes loaded)");
                }
            }
            String[] what = {"wall clock (ms)", "process CPU (ms)", "classes loaded"};
            for (int k = 0; k < 3; k++) {
                double raw = median(results.get(Mode.RAW), k);
                double sdk = median(results.get(Mode.SDK), k);
                sb.append(String.format(Locale.ROOT, "| %s, %s | %.0f | %.0f | %.2f | %s |%n", s.getKey(), what[k],
                        raw, sdk, sdk / raw, k == 0 && s.getKey().equals("default JVM") ? "SDK ≤ 1000 ms" : ""));
            }
        }
        return sb.toString();
    }

    /** The class path with each module's classes directory replaced by its jar, or null when a jar is missing. */
    private static String jarClassPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(e);
            if (f.isDirectory()) {
                File target = f.getParentFile();
                File[] jars = target == null ? null : target.listFiles((d, n) -> n.endsWith(".jar")
                        && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar"));
                if (jars == null || jars.length != 1) {
                    return null;
                }
                out.add(jars[0].getPath());
            } else {
                out.add(e);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static double median(List<long[]> values, int k) {
        List<Double> v = new ArrayList<>();
        values.forEach(a -> v.add((double) a[k]));
        return median(v);
    }

    /** @return {wall-clock ms from launch to first call done, process CPU ms at that point, classes loaded} */
    private static long[] run(List<String> jvmOptions, String classPath, Mode mode, InsiScenario scenario, Path dir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, InsiColdStart.class.getName(), mode.name(),
                scenario.endpoint().toString(), dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long launched = System.currentTimeMillis();
        Process p = pb.start();
        long[] done = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
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

    // ----------------------------------------------------------------------------------------------------- batch

    private static String batch(InsiScenario scenario, Path dir, int size, int rate, int concurrency)
            throws IOException, InterruptedException {
        scenario.recordArrivals();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), InsiBatchRun.class.getName(),
                scenario.endpoint().toString(), dir.toString(), Integer.toString(size), Integer.toString(rate),
                Integer.toString(concurrency));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String[] done = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("BATCH_DONE ")) {
                    done = line.split(" ");
                }
            }
        }
        p.waitFor(30, TimeUnit.MINUTES);
        long[] arrivals = scenario.arrivals();
        if (done == null) {
            return "Batch: FAILED (exit " + p.exitValue() + ")\n";
        }
        // the most requests that reached the simulator within any one-second window
        int most = 0;
        for (int i = 0, j = 0; i < arrivals.length; i++) {
            while (arrivals[i] - arrivals[j] >= 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        long millis = Long.parseLong(done[1]);
        double achieved = Long.parseLong(done[2]) * 1000.0 / millis;
        String s = String.format(Locale.ROOT, "| batch: InsiClient.searchAll, %d identities, limit %d calls/s, "
                        + "concurrency %d, child JVM -Xmx128m | value |%n|---|---:|%n"
                        + "| results returned / succeeded | %s / %s |%n"
                        + "| requests received by the simulator | %d |%n"
                        + "| time (s) | %.1f |%n"
                        + "| achieved rate (calls/s) / limit | %.1f / %d (%.2f) |%n"
                        + "| most requests in any 1 s window | %d |%n"
                        + "| peak heap (MiB) | %s |%n",
                size, rate, concurrency, done[2], done[3], arrivals.length, millis / 1000.0, achieved, rate,
                achieved / rate, most, done[4]);
        log(s.replace('\n', ' '));
        return s;
    }

    // ----------------------------------------------------------------------------------------------- large docs

    private static String size(long size) {
        if (size >= 1 << 30) {
            return size / (1 << 30) + " GiB";
        }
        return size >= 1 << 20 ? size / (1 << 20) + " MiB" : size / 1024 + " KiB";
    }

    /** Runs a large-document main class in a child JVM with -Xmx128m (bench.largeHeap): "feed / retrieve / peak heap", or FAILED. */
    private static String child(Class<?> main, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("bench.largeHeap", "128m"),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
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

    // ------------------------------------------------------------------------------------------------- tables

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

    private static String loadTable(Map<Mode, Map<Integer, List<LoadRun.Result>>> load, int[] levels) {
        StringBuilder sb = new StringBuilder();
        sb.append("| INSi search by traits, end to end (simulator on loopback, TLS, assertion PS signed per call) "
                + "| raw HttpClient 5 | SDK InsiClient | SDK / raw | target |\n|---|---:|---:|---:|---|\n");
        for (int level : levels) {
            String callers = level + " caller" + (level > 1 ? "s" : "");
            row(sb, "p50 latency, " + callers + " (ms)", metric(load, Mode.RAW, level, LoadRun.Result::p50Millis),
                    metric(load, Mode.SDK, level, LoadRun.Result::p50Millis), level == 1 ? "≤ 1.10" : "");
            row(sb, "p99 latency, " + callers + " (ms)", metric(load, Mode.RAW, level, LoadRun.Result::p99Millis),
                    metric(load, Mode.SDK, level, LoadRun.Result::p99Millis), "");
            row(sb, "throughput, " + callers + " (calls/s)",
                    metric(load, Mode.RAW, level, LoadRun.Result::callsPerSecond),
                    metric(load, Mode.SDK, level, LoadRun.Result::callsPerSecond), level == 16 ? "≥ 0.90" : "");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double raw, double sdk, String target) {
        sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %s |%n", name, raw, sdk, sdk / raw,
                target));
    }
}
