package io.segursdk.samples.batch;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.ins.BatchEntryResult;
import io.segursdk.ins.BatchOptions;
import io.segursdk.ins.IdentityCheck;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsiBatch;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.InsiVerification;
import io.segursdk.ins.InsiVerificationRequest;
import io.segursdk.ins.Operator;
import io.segursdk.ins.PatientIdentity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Looks up the rows with INSi in bulk (searches for rows without an INS, verifications for rows with one) and
 * qualifies each identity found: RETRIEVED from INSi's answer, QUALIFIED when the row records a checked identity
 * document. Returns one result per row, in input order.
 */
final class PatientBatch {

    private final InsiClient insi;
    private final BatchOptions options;
    private final Operator operator;
    private final Clock clock;

    PatientBatch(InsiClient insi, BatchOptions options, Operator operator, Clock clock) {
        this.insi = insi;
        this.options = options;
        this.operator = operator;
        this.clock = clock;
    }

    /**
     * Runs the rows.
     *
     * @param rows     the rows, valid or not
     * @param progress told how many rows are done (INSi rows and invalid rows alike)
     * @return one result per row, in order
     * @throws InterruptedException when interrupted while waiting for INSi
     */
    List<RowResult> run(List<PatientRow> rows, IntConsumer progress) throws InterruptedException {
        List<Integer> searchAt = new ArrayList<>();
        List<IdentityTraits> searches = new ArrayList<>();
        List<Integer> verifyAt = new ArrayList<>();
        List<InsiVerificationRequest> verifications = new ArrayList<>();
        RowResult[] results = new RowResult[rows.size()];
        int invalid = 0;
        for (int i = 0; i < rows.size(); i++) {
            PatientRow row = rows.get(i);
            if (!row.valid()) {
                results[i] = new RowResult(row.line(), row.id(), "", RowResult.Status.INVALID, "", "", "", "",
                        row.problem());
                invalid++;
            } else if (row.ins() == null) {
                searchAt.add(i);
                searches.add(row.traits());
            } else {
                verifyAt.add(i);
                verifications.add(new InsiVerificationRequest(row.ins(), row.traits()));
            }
        }
        int before = invalid;
        progress.accept(before);
        if (!searches.isEmpty()) {
            // tag::bulk-search[]
            InsiBatch<InsiResult> batch = insi.searchAll(searches,
                    options.toBuilder().progressListener(p -> progress.accept(before + p.done())).build());
            List<BatchEntryResult<InsiResult>> found = batch.await();
            for (int k = 0; k < found.size(); k++) {
                int i = searchAt.get(k);
                results[i] = searched(rows.get(i), found.get(k));
            }
            // end::bulk-search[]
        }
        int afterSearches = before + searches.size();
        if (!verifications.isEmpty()) {
            InsiBatch<InsiVerification> batch = insi.verifyAll(verifications,
                    options.toBuilder().progressListener(p -> progress.accept(afterSearches + p.done())).build());
            List<BatchEntryResult<InsiVerification>> verified = batch.await();
            for (int k = 0; k < verified.size(); k++) {
                int i = verifyAt.get(k);
                results[i] = verified(rows.get(i), verified.get(k));
            }
        }
        progress.accept(rows.size());
        return List.of(results);
    }

    private RowResult searched(PatientRow row, BatchEntryResult<InsiResult> entry) {
        Optional<RowResult> notDone = notDone(row, "SEARCH", entry);
        if (notDone.isPresent()) {
            return notDone.get();
        }
        InsiResult result = entry.get();
        if (!result.isFound()) {
            return new RowResult(row.line(), row.id(), "SEARCH", RowResult.Status.NO_MATCH, result.outcome().name(),
                    "", "", "PROVISIONAL", "");
        }
        return qualify(row, "SEARCH", result.outcome().name(), result);
    }

    private RowResult verified(PatientRow row, BatchEntryResult<InsiVerification> entry) {
        Optional<RowResult> notDone = notDone(row, "VERIFY", entry);
        if (notDone.isPresent()) {
            return notDone.get();
        }
        InsiVerification verification = entry.get();
        if (!verification.verified()) {
            return new RowResult(row.line(), row.id(), "VERIFY", RowResult.Status.NO_MATCH,
                    verification.outcome().name(), "", "", "PROVISIONAL", "");
        }
        return qualify(row, "VERIFY", verification.outcome().name(), verification.search());
    }

    private RowResult qualify(PatientRow row, String operation, String outcome, InsiResult result) {
        try {
            PatientIdentity identity = PatientIdentity.provisional(row.traits(), operator, clock.instant())
                    .acceptInsiRetrieval(result.toRetrieval(operator));
            if (row.document() != null) {
                identity = identity.recordIdentityCheck(IdentityCheck.document(row.document(), operator,
                        clock.instant()));
            }
            Ins ins = identity.ins().orElseThrow();
            RowResult.Status status = identity.mayShareIns() ? RowResult.Status.QUALIFIED : RowResult.Status.RETRIEVED;
            return new RowResult(row.line(), row.id(), operation, status, outcome, ins.matricule(), ins.oid(),
                    identity.status().name(), row.document() == null ? "no identity document recorded" : "");
        } catch (SegurException e) {
            return new RowResult(row.line(), row.id(), operation, RowResult.Status.ERROR, outcome, "", "",
                    "PROVISIONAL", describe(e));
        }
    }

    private static Optional<RowResult> notDone(PatientRow row, String operation, BatchEntryResult<?> entry) {
        return switch (entry.status()) {
            case SUCCEEDED -> Optional.empty();
            case CANCELLED -> Optional.of(new RowResult(row.line(), row.id(), operation, RowResult.Status.CANCELLED,
                    "", "", "", "PROVISIONAL", "batch stopped before this row"));
            case FAILED -> Optional.of(new RowResult(row.line(), row.id(), operation, RowResult.Status.ERROR, "", "",
                    "", "PROVISIONAL", entry.failure().map(PatientBatch::describe).orElse("failed")));
        };
    }

    /** The exception's type and message, with the service's own message when it sent one (shown to the user). */
    private static String describe(SegurException e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof ServiceFaultException fault && fault.serviceMessage().isPresent()) {
            text += " - " + fault.serviceMessage().get();
        }
        return text;
    }
}
