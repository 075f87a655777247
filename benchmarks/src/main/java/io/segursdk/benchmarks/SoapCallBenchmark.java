package io.segursdk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one INSi-like call (per-call signed assertion, mutual TLS on loopback, response parsed) by each caller kind,
 * sampled call by call. Run the threads you want with JMH's {@code -t}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SoapCallBenchmark {

    /** RAW, STANDARD or CXF. */
    @Param({"RAW", "STANDARD", "CXF"})
    public String mode;

    private Scenario scenario;
    private Callers.Caller caller;

    /** Starts the simulator and the caller. */
    @Setup(Level.Trial)
    public void setUp() {
        scenario = new Scenario();
        caller = scenario.caller(Callers.Mode.valueOf(mode));
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        caller.close();
        scenario.close();
    }

    /**
     * @throws Exception on failure
     */
    @Benchmark
    public void call() throws Exception {
        caller.call();
    }
}
