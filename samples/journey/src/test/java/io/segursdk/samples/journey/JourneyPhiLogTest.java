package io.segursdk.samples.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Runs the whole journey with the SDK's, CXF's and Jetty's loggers at DEBUG (SLF4J and java.util.logging), written to
 * files (see the {@code phi-logs} execution of Surefire in this module's POM), and checks that no INS, name or birth
 * date of the test patient reached the logs. Santuario stays at INFO, as docs/security.md requires.
 */
class JourneyPhiLogTest {

    static final Path LOG = Path.of("target", "phi-journey.log");
    static final Path JUL_LOG = Path.of("target", "phi-journey-jul.log");

    /** The journey's patient: what INSi returns for her (InsiPersonas.BRANDEVILLE) and what the desk typed. */
    static final List<String> PATIENT_DATA = List.of(
            "284053523811778",          // INS (NIR) with its key
            "2840535238117",            // its matricule without the key
            "brandeville",              // birth name
            "maëlys", "maelys", "odile", // birth first names
            "1984-05-12", "19840512", "12/05/1984", "1984051200");  // birth date, as written in the messages

    @Test
    void debugLogsOfTheWholeJourneyCarryNoPatientData() throws Exception {
        // only meaningful in its own JVM, with the logging set up by the phi-logs execution
        assumeTrue(LOG.toString().equals(System.getProperty("org.slf4j.simpleLogger.logFile")),
                "run by the phi-logs execution of Surefire");

        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        if (Files.exists(JUL_LOG) && Files.getLastModifiedTime(JUL_LOG).toMillis() < jvmStart) {
            Files.delete(JUL_LOG);   // left by an earlier run: this JVM has not logged through java.util.logging yet
        }

        boolean passed = new Journey(new PrintStream(OutputStream.nullOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        assertThat(passed).as("the journey itself").isTrue();
        String logs = Files.readString(LOG, StandardCharsets.UTF_8)
                + (Files.exists(JUL_LOG) ? Files.readString(JUL_LOG, StandardCharsets.UTF_8) : "");
        assertThat(logs).as("the wire logs were captured at DEBUG")
                .contains("DEBUG io.segursdk.wire.INSi", "DEBUG io.segursdk.wire.DMP",
                        "DEBUG org.eclipse.jetty");
        String lower = logs.toLowerCase(Locale.ROOT);
        for (String datum : PATIENT_DATA) {
            assertThat(lower).as("logs must not contain patient data (%s...)", datum.substring(0, 3))
                    .doesNotContain(datum);
        }
    }
}
