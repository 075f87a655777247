package io.segursdk.testkit.dmp;

import java.time.Instant;

/**
 * One consultation recorded by the simulator, as the DMP records accesses (and shows emergency ones to the patient).
 *
 * @param at           when
 * @param nationalId   the professional
 * @param patientCx    the patient (INS in CX form)
 * @param purposeOfUse {@code normal}, {@code bris_de_glace} or {@code centre_15}
 * @param transaction  {@code TD3.1} or {@code TD3.2}
 */
public record DmpAccessRecord(Instant at, String nationalId, String patientCx, String purposeOfUse,
                              String transaction) {
}
