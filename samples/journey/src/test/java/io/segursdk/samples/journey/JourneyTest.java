package io.segursdk.samples.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JourneyTest {

    @Test
    void everyStepPassesOnTheEmbeddedSimulators() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Journey journey = new Journey(new PrintStream(out, true, StandardCharsets.UTF_8));

        boolean passed = journey.run();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(journey.report().steps()).isNotEmpty().allSatisfy(s -> assertThat(s.passed()).as(s.title()).isTrue());
        assertThat(passed).as(printed).isTrue();
        assertThat(printed).contains("verified against the test PKI").doesNotContain("[FAIL]");
    }
}
