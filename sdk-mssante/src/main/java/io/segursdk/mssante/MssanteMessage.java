package io.segursdk.mssante;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;
import io.segursdk.ins.PatientIdentity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message to send through {@link MssanteClient#send(MssanteMessage)}. Immutable; build with {@link #builder()}.
 *
 * <p>Recipients are professionals' MSSanté addresses ({@link Builder#to}, {@link Builder#cc}) and at most one
 * patient, given as a qualified {@link PatientIdentity} ({@link Builder#toPatient}): the client rebuilds the
 * patient's address {@code <INS>@patient.mssante.fr} itself, so a patient address typed by hand is refused.
 *
 * <p>MSSanté headers: {@code X-MSS-MES: FIN} when {@link Builder#closeConversation()}; {@code X-MSS-CODECDA} and
 * {@code X-MSS-INS} when the message carries CDA documents ({@link Builder#cdaCodes}, {@link Builder#insQualified});
 * {@code X-MSS-NIL} (the product reference) is added by the client on every message.
 *
 * <p>Subject, body and attachments are patient data: {@link #toString()} shows none of them.
 */
public final class MssanteMessage {

    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<?[\\x21-\\x3b\\x3d\\x3f-\\x7e]+@[\\x21-\\x3b\\x3d\\x3f-\\x7e]+>?");

    /**
     * Checks the shape of a Message-ID ({@code local@domain}, with or without angle brackets) and returns it bare.
     *
     * @param field the field named in the violation
     * @param id    the Message-ID, or {@code null}
     * @return the Message-ID without angle brackets, or {@code null}
     * @throws InvalidRequestException when it does not look like {@code local@domain}
     */
    static String bareMessageId(String field, String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip();
        if (!MESSAGE_ID.matcher(s).matches()) {
            throw InvalidRequestException.of(field, "must look like local@domain");
        }
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private final List<String> to;
    private final List<String> cc;
    private final PatientIdentity patient;
    private final String patientReplyAddress;
    private final String subject;
    private final String text;
    private final String html;
    private final List<OutgoingAttachment> attachments;
    private final XdmPackage xdm;
    private final boolean requestDsn;
    private final boolean requestMdn;
    private final boolean closeConversation;
    private final List<String> cdaCodes;
    private final Boolean insQualified;
    private final String messageId;
    private final String inReplyTo;

    private MssanteMessage(Builder b) {
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.patient = b.patient;
        this.patientReplyAddress = b.patientReplyAddress;
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.xdm = b.xdm;
        this.requestDsn = b.requestDsn;
        this.requestMdn = b.requestMdn;
        this.closeConversation = b.closeConversation;
        this.cdaCodes = List.copyOf(b.cdaCodes);
        this.insQualified = b.insQualified;
        this.messageId = b.messageId;
        this.inReplyTo = b.inReplyTo;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the professionals' addresses in To */
    public List<String> to() {
        return to;
    }

    /** @return the addresses in Cc */
    public List<String> cc() {
        return cc;
    }

    /** @return the patient addressed, if any */
    public Optional<PatientIdentity> patient() {
        return Optional.ofNullable(patient);
    }

    /**
     * @return the patient address this message replies to ({@link Builder#replyTo(IncomingMessage)} on a message a
     *         patient sent), if any
     */
    public Optional<String> patientReplyAddress() {
        return Optional.ofNullable(patientReplyAddress);
    }

    /** @return the subject */
    public String subject() {
        return subject;
    }

    /** @return the plain-text body, if any */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return the HTML body, if any */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** @return the attachments, in order */
    public List<OutgoingAttachment> attachments() {
        return attachments;
    }

    /** @return the IHE XDM package attached as {@code IHE_XDM.zip}, if any */
    public Optional<XdmPackage> xdm() {
        return Optional.ofNullable(xdm);
    }

    /** @return whether a delivery status notification (DSN, "accusé de réception") is requested */
    public boolean requestsDsn() {
        return requestDsn;
    }

    /** @return whether a read notification (MDN, "accusé de lecture") is requested */
    public boolean requestsMdn() {
        return requestMdn;
    }

    /** @return whether the message closes the conversation with the patient ({@code X-MSS-MES: FIN}) */
    public boolean closesConversation() {
        return closeConversation;
    }

    /** @return the CDA document type codes for {@code X-MSS-CODECDA} */
    public List<String> cdaCodes() {
        return cdaCodes;
    }

    /** @return the {@code X-MSS-INS} value: whether the CDA documents carry a qualified INS, when set */
    public Optional<Boolean> insQualified() {
        return Optional.ofNullable(insQualified);
    }

    /** @return the Message-ID chosen by the caller (without angle brackets), if any */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** @return the Message-ID this message replies to (without angle brackets), if any */
    public Optional<String> inReplyTo() {
        return Optional.ofNullable(inReplyTo);
    }

    @Override
    public String toString() {
        return "MssanteMessage[to=" + to.size() + ", cc=" + cc.size() + ", patient=" + (patient != null)
                + ", attachments=" + attachments.size() + ", xdm=" + (xdm != null) + ", fin=" + closeConversation + "]";
    }

    /** An attachment to send: name, media type and a re-openable source. */
    public static final class OutgoingAttachment {
        private final String fileName;
        private final String mimeType;
        private final AttachmentSource source;

        OutgoingAttachment(String fileName, String mimeType, AttachmentSource source) {
            this.fileName = fileName;
            this.mimeType = mimeType;
            this.source = source;
        }

        /** @return the file name */
        public String fileName() {
            return fileName;
        }

        /** @return the media type */
        public String mimeType() {
            return mimeType;
        }

        /** @return the content source */
        public AttachmentSource source() {
            return source;
        }
    }

    /** Builds an {@link MssanteMessage}. Not thread-safe. */
    public static final class Builder {
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private PatientIdentity patient;
        private String patientReplyAddress;
        private String subject;
        private String text;
        private String html;
        private final List<OutgoingAttachment> attachments = new ArrayList<>();
        private XdmPackage xdm;
        private boolean requestDsn;
        private boolean requestMdn;
        private boolean closeConversation;
        private final List<String> cdaCodes = new ArrayList<>();
        private Boolean insQualified;
        private String messageId;
        private String inReplyTo;
        private final Violations pending = new Violations();

        private Builder() {
        }

        /**
         * Adds professionals' addresses in To.
         *
         * @param addresses MSSanté addresses
         * @return this builder
         */
        public Builder to(String... addresses) {
            for (String a : addresses) {
                to.add(a);
            }
            return this;
        }

        /**
         * Adds addresses in Cc.
         *
         * @param addresses MSSanté addresses
         * @return this builder
         */
        public Builder cc(String... addresses) {
            for (String a : addresses) {
                cc.add(a);
            }
            return this;
        }

        /**
         * Addresses the patient's mailbox in Mon espace santé. The identity must be qualified; the client checks it,
         * and the INS environment, before any connection.
         *
         * @param identity the patient's identity
         * @return this builder
         */
        public Builder toPatient(PatientIdentity identity) {
            this.patient = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * Replies inside the conversation of a received message: {@code In-Reply-To} and {@code References} name it,
         * and its sender becomes the recipient. When a patient sent it (for example a prescription sent to a
         * pharmacy's organisational mailbox from Mon espace santé), the reply goes to the patient's address as
         * received: the operator accepts it because the patient started the conversation, and no qualified identity
         * is needed to answer.
         *
         * @param received the message replied to
         * @return this builder
         */
        public Builder replyTo(IncomingMessage received) {
            Objects.requireNonNull(received, "received");
            received.messageId().ifPresent(id -> this.inReplyTo = id);
            if (received.fromPatient()) {
                this.patientReplyAddress = received.from();
            } else {
                to.add(received.from());
            }
            return this;
        }

        /**
         * @param subject the subject (see {@link XdmPackage#subject} for the XDM convention)
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param text the plain-text body
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param html the HTML body (sent as multipart/alternative with the text body when both are set)
         * @return this builder
         */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /**
         * Attaches bytes.
         *
         * @param fileName the file name
         * @param mimeType the media type
         * @param content  the bytes (copied)
         * @return this builder
         */
        public Builder attachment(String fileName, String mimeType, byte[] content) {
            byte[] copy = Objects.requireNonNull(content, "content").clone();
            return attachment(fileName, mimeType, () -> new java.io.ByteArrayInputStream(copy));
        }

        /**
         * Attaches a stream source (opened when the message is measured and again when it is sent).
         *
         * @param fileName the file name
         * @param mimeType the media type
         * @param source   the source
         * @return this builder
         */
        public Builder attachment(String fileName, String mimeType, AttachmentSource source) {
            if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
                pending.add("attachments.fileName", "a plain file name is required");
            }
            if (mimeType == null || !mimeType.contains("/")) {
                pending.add("attachments.mimeType", "a media type such as application/pdf is required");
            }
            attachments.add(new OutgoingAttachment(fileName, mimeType, Objects.requireNonNull(source, "source")));
            return this;
        }

        /**
         * Attaches an IHE XDM package as {@code IHE_XDM.zip}.
         *
         * @param xdm the package
         * @return this builder
         */
        public Builder xdm(XdmPackage xdm) {
            this.xdm = Objects.requireNonNull(xdm, "xdm");
            return this;
        }

        /**
         * Requests a delivery status notification (RFC 3461, on success and failure): the MSSanté "accusé de
         * réception".
         *
         * @return this builder
         */
        public Builder requestDsn() {
            this.requestDsn = true;
            return this;
        }

        /**
         * Requests a read notification (RFC 8098 {@code Disposition-Notification-To}): the "accusé de lecture".
         *
         * @return this builder
         */
        public Builder requestMdn() {
            this.requestMdn = true;
            return this;
        }

        /**
         * Closes the conversation with the patient: {@code X-MSS-MES: FIN}; the patient can no longer reply.
         *
         * @return this builder
         */
        public Builder closeConversation() {
            this.closeConversation = true;
            return this;
        }

        /**
         * Sets the {@code X-MSS-CODECDA} codes: the CDA document type codes of the documents carried.
         *
         * @param codes e.g. {@code "11488-4"}
         * @return this builder
         */
        public Builder cdaCodes(String... codes) {
            for (String c : codes) {
                cdaCodes.add(c);
            }
            return this;
        }

        /**
         * Sets {@code X-MSS-INS}: whether the CDA documents carry a qualified INS ({@code O}) or not ({@code N}).
         *
         * @param qualified the value
         * @return this builder
         */
        public Builder insQualified(boolean qualified) {
            this.insQualified = qualified;
            return this;
        }

        /**
         * Sets a stable Message-ID (kept when the message is sent again), e.g. the vendor's own document id.
         *
         * @param id {@code local@domain}, with or without angle brackets
         * @return this builder
         */
        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        /**
         * Replies to a message: sets In-Reply-To and References.
         *
         * @param id the Message-ID replied to
         * @return this builder
         */
        public Builder inReplyTo(String id) {
            this.inReplyTo = id;
            return this;
        }

        /**
         * @return the message
         * @throws InvalidRequestException listing every problem
         */
        public MssanteMessage build() {
            Violations v = new Violations();
            pending.list().forEach(x -> v.add(x.field(), x.rule()));
            v.require(!to.isEmpty() || !cc.isEmpty() || patient != null || patientReplyAddress != null, "to",
                    "at least one recipient is required");
            v.require(patient == null || patientReplyAddress == null, "patient",
                    "one patient per message: either toPatient(identity) or a reply to a patient");
            v.require(patientReplyAddress == null || ADDRESS.matcher(patientReplyAddress).matches(), "replyTo",
                    "the patient's address is not a valid mail address");
            checkAddresses(v, "to", to);
            checkAddresses(v, "cc", cc);
            v.require(subject != null && !subject.isBlank(), "subject", "a subject is required");
            v.require(subject == null || (!subject.contains("\r") && !subject.contains("\n")), "subject",
                    "must be one line");
            v.require(text != null || html != null || !attachments.isEmpty() || xdm != null, "body",
                    "a body or an attachment is required");
            v.require(!closeConversation || patient != null || patientReplyAddress != null, "closeConversation",
                    "X-MSS-MES: FIN is for messages to a patient");
            for (String c : cdaCodes) {
                v.require(c != null && c.matches("[A-Za-z0-9._-]+"), "cdaCodes", "a CDA code is letters, digits, . _ -");
            }
            v.require(messageId == null || MESSAGE_ID.matcher(messageId).matches(), "messageId",
                    "must look like local@domain");
            v.require(inReplyTo == null || MESSAGE_ID.matcher(inReplyTo).matches(), "inReplyTo",
                    "must look like local@domain");
            v.throwIfAny();
            messageId = bareMessageId("messageId", messageId);
            inReplyTo = bareMessageId("inReplyTo", inReplyTo);
            return new MssanteMessage(this);
        }


        private static void checkAddresses(Violations v, String field, List<String> addresses) {
            for (String a : addresses) {
                if (a == null || !ADDRESS.matcher(a).matches()) {
                    v.add(field, "not a valid mail address");
                } else if (a.toLowerCase(Locale.ROOT).endsWith("@" + MssanteClient.PATIENT_DOMAIN)) {
                    v.add(field, "patient addresses are built from a qualified identity: use toPatient(identity)");
                }
            }
        }
    }
}
