package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.Sex;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The wire log (logger {@code io.segursdk.wire.INSi}, at DEBUG in this module's tests) shows the messages' structure
 * but none of the patient's data, neither in the request nor in the response.
 */
class InsiWireLogTest {

    @Test
    void wireLogAtDebugHoldsNoPatientData() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (InsiTestBed bed = new InsiTestBed(); InsiClient client = bed.mtlsClient()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            InsiOutcome outcome = client.searchByTraits(IdentityTraits.builder().birthName("VERMANDOIS")
                    .birthFirstNames("CLEMENT", "YVES").sex(Sex.M).birthDate("1966-09-30")
                    .build()).outcome();
            assertThat(outcome).isEqualTo(InsiOutcome.FOUND);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the wire log is on").contains("RECSANSVITALE").contains("RESULTAT").contains("TIQ");
        assertThat(log).doesNotContain("VERMANDOIS", "CLEMENT", "YVES", "1966-09-30", "1660959350078",
                "166095935007815", "1660999134027", "2660959350078", "1966-10-01", "2001-05-31");
    }
}
