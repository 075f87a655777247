package io.segursdk.mssante;

import io.segursdk.ins.Ins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A prescription a patient sent from Mon espace santé to a pharmacy's organisational mailbox, read by
 * {@link MssanteClient#patientPrescriptions(String)}. Immutable. Everything here is patient data: {@link #toString()}
 * shows none of it.
 *
 * <p>The patient is known by the address they wrote from, {@code <INS>@patient.mssante.fr}; {@link #insMatricule()}
 * reads the INS out of it. That INS is what Mon espace santé holds for the patient, but the pharmacy's own identity
 * of the patient is still to be checked (identity vigilance) before the prescription is filed in the patient's
 * record. Reply inside the conversation with {@code MssanteMessage.builder().replyTo(prescription.message())}.
 *
 * @param message       the message as received (subject, text, headers, every attachment, Message-ID)
 * @param patientAddress the patient's MSSanté address, as received
 * @param insMatricule  the patient's INS matricule (15 characters) read from the address, when it is one with a
 *                      valid key
 * @param receivedAt    when the operator received the message (IMAP internal date), or its Date header when the
 *                      server gives none
 * @param documents     the prescription documents: PDF, CDA (XML) and images attached to the message, and the
 *                      documents of an attached IHE XDM package
 */
public record PatientPrescription(IncomingMessage message, String patientAddress, Optional<String> insMatricule,
                                  Instant receivedAt, List<Attachment> documents) {

    /** The media types read as prescription documents. */
    public static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "text/xml", "application/xml",
            "application/hl7-v3+xml", "image/jpeg", "image/png");

    /** Checks and copies. */
    public PatientPrescription {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(patientAddress, "patientAddress");
        Objects.requireNonNull(insMatricule, "insMatricule");
        Objects.requireNonNull(receivedAt, "receivedAt");
        documents = List.copyOf(documents);
    }

    /**
     * Reads a received message as a patient's prescription.
     *
     * @param message    a received message
     * @param receivedAt when the operator received it
     * @return the prescription, or empty when the sender is not a patient or nothing attached is a document
     */
    public static Optional<PatientPrescription> from(IncomingMessage message, Instant receivedAt) {
        Objects.requireNonNull(message, "message");
        if (!message.fromPatient()) {
            return Optional.empty();
        }
        List<Attachment> documents = new ArrayList<>();
        for (Attachment a : message.attachments()) {
            if (DOCUMENT_TYPES.contains(a.mimeType().toLowerCase(Locale.ROOT))) {
                documents.add(a);
            }
        }
        message.xdm().ifPresent(x -> x.documents().forEach(d ->
                documents.add(new Attachment(d.fileName(), d.mimeType(), d.content()))));
        if (documents.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PatientPrescription(message, message.from(), insOf(message.from()),
                Objects.requireNonNull(receivedAt, "receivedAt"), documents));
    }

    /** @return the Message-ID to reply to, when the message had one */
    public Optional<String> messageId() {
        return message.messageId();
    }

    /**
     * The INS matricule in a patient address, when the local part is 15 characters with a valid key.
     *
     * @param address a patient's address
     * @return the matricule
     */
    static Optional<String> insOf(String address) {
        int at = address.lastIndexOf('@');
        if (at != 15 || !address.substring(at + 1).equalsIgnoreCase(MssanteClient.PATIENT_DOMAIN)) {
            return Optional.empty();
        }
        String matricule = address.substring(0, 15).toUpperCase(Locale.ROOT);
        try {
            return Ins.computeKey(matricule.substring(0, 13)).equals(matricule.substring(13))
                    ? Optional.of(matricule) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PatientPrescription[documents=" + documents.size() + ", ins=" + insMatricule.isPresent() + "]";
    }
}
