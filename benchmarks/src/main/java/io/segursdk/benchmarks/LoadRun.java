package io.segursdk.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one caller from N threads: a warm-up, then a measured window of per-call latencies and throughput. */
final class LoadRun {

    /** What one window measured. */
    record Result(double p50Millis, double p99Millis, double callsPerSecond, long calls, long errors) {
    }

    private LoadRun() {
    }

    static Result run(Callers.Caller caller, int threads, long warmupMillis, long measureMillis)
            throws InterruptedException {
        // phase: 0 warm-up, 1 measuring, 2 stopping
        AtomicInteger phase = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[][] box = {new long[1 << 14]};
            int[] n = new int[1];
            perThread.add(null);
            counts.add(n);
            int index = t;
            Thread w = new Thread(() -> {
                while (true) {
                    int p = phase.get();
                    if (p == 2) {
                        break;
                    }
                    long start = System.nanoTime();
                    try {
                        caller.call();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    long took = System.nanoTime() - start;
                    if (p == 1) {
                        if (n[0] == box[0].length) {
                            box[0] = Arrays.copyOf(box[0], box[0].length * 2);
                        }
                        box[0][n[0]++] = took;
                    }
                }
                synchronized (perThread) {
                    perThread.set(index, Arrays.copyOf(box[0], n[0]));
                }
            }, "bench-caller-" + t);
            workers.add(w);
            w.start();
        }
        Thread.sleep(warmupMillis);
        long measureStart = System.nanoTime();
        phase.set(1);
        Thread.sleep(measureMillis);
        phase.set(2);
        long measureEnd = System.nanoTime();
        for (Thread w : workers) {
            w.join();
        }
        long total = 0;
        for (long[] l : perThread) {
            total += l.length;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : perThread) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        double seconds = (measureEnd - measureStart) / 1e9;
        return new Result(percentile(all, 0.50), percentile(all, 0.99), total / seconds, total, errors.get());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
