package io.segursdk.ins;

/**
 * One entry of {@link InsiClient#verifyAll(java.util.List, BatchOptions)}: an INS received from elsewhere and the
 * traits it is claimed to belong to. Not checked when built: a missing INS or traits is reported in the batch's
 * result for this entry, as an {@link io.segursdk.core.error.InvalidRequestException}, without stopping the batch.
 *
 * @param ins    the INS to verify
 * @param traits the traits it is claimed to belong to
 */
public record InsiVerificationRequest(Ins ins, IdentityTraits traits) {

    /** @return a short description without patient data */
    @Override
    public String toString() {
        return "InsiVerificationRequest[...]";
    }
}
