package io.segursdk.samples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.ins.BatchOptions;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.junit.SegurSimulators;
import io.segursdk.testkit.junit.Simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The batch against the INSi simulator started by the testkit's JUnit extension. */
@SegurSimulators(Simulator.INSI)
class PatientBatchTest {

    private static final Map<String, Integer> HEADER = Map.of("id", 0, "birthname", 1, "firstnames", 2, "sex", 3,
            "birthdate", 4, "birthplace", 5, "identitydocument", 6);

    @Test
    void aServiceFaultEndsItsRowOnlyAndProgressReachesTheTotal(InsiClient insi, InsiSimulator service)
            throws Exception {
        List<PatientRow> rows = List.of(
                PatientRow.parse(2, "A,Brandeville,Maëlys Odile,F,1984-05-12,35238,PASSPORT", HEADER),
                PatientRow.parse(3, "B,Falcucci,Paolu,M,1958-03-07,,", HEADER));
        service.failNext("Receiver", "insi_102", "insi_102", "Service indisponible");
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        List<RowResult> results = new PatientBatch(insi,
                BatchOptions.builder().concurrency(1).rateLimit(50, Duration.ofSeconds(1)).maxAttempts(1).build(),
                new Operator(OperatorRole.DELEGATED_STAFF, "T-1"), Clock.systemUTC())
                .run(rows, progress::add);

        assertThat(results).extracting(RowResult::line).containsExactly(2, 3);
        assertThat(results.get(0).status()).isEqualTo(RowResult.Status.ERROR);
        assertThat(results.get(0).detail()).contains("Service indisponible");
        assertThat(results.get(1).status()).isEqualTo(RowResult.Status.RETRIEVED);
        assertThat(progress).last().isEqualTo(2);
    }
}
