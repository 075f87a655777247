package io.segursdk.samples.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The journey end to end on the embedded simulators, with each means of identifying the professional. */
class JourneyTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Journey journey = new Journey(new PrintStream(out, true, StandardCharsets.UTF_8));

    @Test
    void everyStepPassesOnTheEmbeddedSimulators() {
        boolean passed = journey.run();

        String printed = printed();
        assertThat(journey.report().steps()).isNotEmpty().allSatisfy(s -> assertThat(s.passed()).as(s.title()).isTrue());
        assertThat(passed).as(printed).isTrue();
        assertThat(printed).contains("verified against the test PKI").doesNotContain("[FAIL]");
        String expected = SoftHsmCard.unavailable().isEmpty() ? "identity: card" : "identity: software";
        assertThat(printed).as("auto: card when SoftHSM2 is usable, else software").contains(expected);
    }

    @Test
    void softwareCredential() {
        assertThat(journey.execute("--identity=software")).as(printed()).isZero();

        assertThat(printed()).contains("identity: software", "software test credential",
                "professional-card mode (assertion PS signed by the software)", "VIHF in DIRECT mode");
        assertEveryStepPassed();
    }

    @Test
    void testCpsThroughSoftHsm2() {
        Optional<String> unavailable = SoftHsmCard.unavailable();
        if (unavailable.isPresent() && "true".equals(System.getenv("CI"))) {
            fail(unavailable.get() + " (CI=true: the card variant must run)");
        }
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get());

        assertThat(journey.execute("--identity=card")).as(printed()).isZero();

        assertThat(printed()).contains("identity: card", "test CPS on SoftHSM2 through PKCS#11",
                "assertion PS signed by the card", "VIHF signed by the card");
        assertEveryStepPassed();
    }

    @Test
    void eCpsThroughTheProSanteConnectSimulator() {
        assertThat(journey.execute("--identity", "ECPS")).as(printed()).isZero();

        assertThat(printed()).contains("identity: e-CPS", "CIBA", "for national id 810001234567",
                "software-certificate mode (the structure's certificate", "VIHF in INDIRECT_REINFORCED mode",
                "VIHF signed by the structure",
                "making a document visible needs direct authentication");
        if (printed().contains("Step 5 - send")) {
            assertThat(printed()).contains("XOAUTH2 with the professional's Pro Santé Connect access token");
        }
        assertEveryStepPassed();
    }

    @Test
    void anUnknownIdentityIsRefusedBeforeAnything() {
        assertThat(journey.execute("--identity=badge")).isEqualTo(2);

        assertThat(printed()).contains("--identity", "badge", "auto, card, software, ecps").doesNotContain("Step");
    }

    private void assertEveryStepPassed() {
        assertThat(journey.report().steps()).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(s -> assertThat(s.passed()).as(s.title() + ": " + s.proof()).isTrue());
        assertThat(printed()).doesNotContain("[FAIL]");
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
