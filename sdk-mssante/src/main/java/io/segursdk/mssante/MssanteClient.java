package io.segursdk.mssante;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsEnvironment;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.mssante.internal.MailConnector;
import io.segursdk.mssante.internal.MailErrors;
import io.segursdk.mssante.internal.MimeReader;
import io.segursdk.mssante.internal.MimeWriter;
import io.segursdk.mssante.internal.ReadNotifications;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An MSSanté mailbox: send to professionals and patients over SMTP submission, read over IMAP. Immutable and
 * thread-safe; every call opens its own authenticated connection (asking the token supplier for a fresh token) and
 * closes it. Build with {@link #builder()}.
 *
 * <p>Checks made before any connection, failing with {@link InvalidRequestException}: recipients' syntax, patient
 * addresses only from a qualified identity ({@link #patientAddress(PatientIdentity)}), test or demonstration INS
 * only in a {@link MssanteEnvironment#TEST} client, and the message size ({@link Builder#maxMessageBytes}).
 *
 * <p>Errors: a refused token is a {@link TokenRefusedException} (with the server's JSON error); a recipient or
 * message refused by the operator (patient writing first, conversation closed, sender not the mailbox) is an
 * {@link io.segursdk.core.error.AccessDeniedException} carrying the SMTP code and enhanced status; network and TLS
 * failures are {@link io.segursdk.core.error.TransportException}s. Logs never hold addresses, subjects or contents.
 */
public final class MssanteClient implements AutoCloseable {

    /** The patients' domain (Mon espace santé). */
    public static final String PATIENT_DOMAIN = "patient.mssante.fr";
    /** Default size limit of a message on the wire, attachments included: 10 MB, as most operators set. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 10_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(MssanteClient.class);

    private final String mailbox;
    private final MailboxKind mailboxKind;
    private final MssanteEnvironment environment;
    private final String productReference;
    private final long maxMessageBytes;
    private final XdmLimits xdmLimits;
    private final Timeouts timeouts;
    private final MailConnector connector;
    /**
     * Operators cap the IMAP connections of one user from one address (Dovecot: 10 by default) and refuse the
     * next ones after authentication: a client shared by many threads opens at most this many at once.
     */
    static final int MAX_IMAP_SESSIONS = 4;
    private final Semaphore imapSessions = new Semaphore(MAX_IMAP_SESSIONS, true);
    private final Duration imapWait;

    private MssanteClient(Builder b) {
        this.mailbox = b.mailbox;
        this.mailboxKind = b.kind();
        this.environment = b.environment;
        this.productReference = b.productReference;
        this.maxMessageBytes = b.maxMessageBytes;
        this.xdmLimits = b.xdmLimits;
        this.timeouts = b.timeouts;
        this.imapWait = b.timeouts.connect().plus(b.timeouts.read());
        this.connector = new MailConnector(b.mailbox, b.smtpHost, b.smtpPort, b.imapHost, b.imapPort,
                b.security == ConnectionSecurity.IMPLICIT_TLS, b.tls, b.authentication, b.timeouts);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the mailbox this client reads and sends from */
    public String mailbox() {
        return mailbox;
    }

    /** @return the kind of this client's mailbox (see {@link Builder#mailboxKind(MailboxKind)}) */
    public MailboxKind mailboxKind() {
        return mailboxKind;
    }

    /**
     * The patient's MSSanté address, {@code <15-character INS>@patient.mssante.fr}, from a qualified identity.
     * The address is patient data: do not log it.
     *
     * @param identity the patient's identity
     * @return the address
     * @throws InvalidRequestException if the identity is not qualified, or its INS is a test or demonstration one
     *                                 and this client is not configured for {@link MssanteEnvironment#TEST}
     */
    public String patientAddress(PatientIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        Ins ins;
        try {
            ins = identity.requireQualifiedIns();
        } catch (IdentityRuleException e) {
            throw InvalidRequestException.of("patient",
                    "the patient's MSSanté address needs a qualified identity (status " + identity.status() + ")");
        }
        if (ins.environment() != InsEnvironment.PRODUCTION && environment != MssanteEnvironment.TEST) {
            throw InvalidRequestException.of("patient", "a " + ins.environment().name().toLowerCase(Locale.ROOT)
                    + " INS can only be addressed by a client configured for MssanteEnvironment.TEST");
        }
        return ins.matricule() + "@" + PATIENT_DOMAIN;
    }

    /**
     * Sends a message. Every check (recipients, patient identity, size) is made before connecting; on failure,
     * nothing is sent.
     *
     * <p>Whether a failed send may still have been accepted by the operator (for a caller that sends again): only a
     * plain {@link TransportException} leaves it open (the whole message was written, then the connection failed
     * before the operator's reply to its end). Every other exception proves the operator did not take the message:
     * {@link InvalidRequestException} (nothing sent), {@link io.segursdk.core.error.AuthenticationException}
     * (including {@link TokenRefusedException}), {@link io.segursdk.core.error.AccessDeniedException} (a refusal
     * reply) and {@link NotSubmittedException} (a connection, TLS or temporary failure before the message's end, or
     * a temporary refusal).
     *
     * @param message the message
     * @return the Message-ID sent (without angle brackets): the one set on the message, or a new one
     * @throws InvalidRequestException      if the message breaks a rule (nothing sent)
     * @throws TokenRefusedException        if the operator refused the access token
     * @throws io.segursdk.core.error.AccessDeniedException if the operator refused a recipient or the message
     * @throws NotSubmittedException        on network or TLS failures, or a temporary refusal, before the operator
     *                                      could have taken the message
     * @throws io.segursdk.core.error.TransportException    when the connection failed after the whole message was
     *                                      written, before the operator's reply: it may have been accepted
     */
    public String send(MssanteMessage message) {
        Objects.requireNonNull(message, "message");
        List<String> recipients = new ArrayList<>(message.to());
        message.patient().ifPresent(p -> recipients.add(patientAddress(p)));
        message.patientReplyAddress().ifPresent(recipients::add);
        String id = message.messageId().orElseGet(() -> UUID.randomUUID() + "@" + domain(mailbox));
        Session session = connector.smtpSession();
        SMTPMessage mime;
        long size;
        try {
            mime = MimeWriter.build(session, message, mailbox, recipients, id, productReference);
            size = MimeWriter.size(mime);
        } catch (MessagingException e) {
            throw MailErrors.invalid("message", e);
        } catch (IOException e) {
            throw InvalidRequestException.of("attachments", "an attachment cannot be read: " + e.getMessage());
        }
        if (size > maxMessageBytes) {
            throw InvalidRequestException.of("attachments", "the message is " + size + " bytes on the wire, above the "
                    + maxMessageBytes + " bytes the operator accepts");
        }
        Transport transport;
        try {
            transport = connector.openSmtp(session);
        } catch (TransportException e) {
            throw new NotSubmittedException(e.getMessage(), MailErrors.SMTP, e.isRetryable(), e.getCause());
        }
        int written = completedWrites(mime);
        int count = recipients.size() + message.cc().size();
        try {
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            SegurException mapped = MailErrors.sending(e);
            if (mapped instanceof TransportException t && !(t instanceof NotSubmittedException)
                    && ((written >= 0 && completedWrites(mime) == written) || MailErrors.serverReplyCode(e) >= 400)) {
                // the final "." was never sent, or the operator answered it with a refusal: nothing was taken
                throw new NotSubmittedException(t.getMessage(), MailErrors.SMTP, t.isRetryable(), e);
            }
            throw mapped;
        } finally {
            closeQuietly(transport);
        }
        LOG.debug("MSSante message sent: {} recipient(s), {} bytes", count, size);
        return id;
    }

    /** How many times the message was written out whole; -1 for a message that does not count. */
    private static int completedWrites(SMTPMessage mime) {
        return mime instanceof MimeWriter.FixedIdMessage f ? f.completedWrites() : -1;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the message was sent (or the failure is already reported); a failing QUIT changes nothing
            LOG.debug("MSSante SMTP connection not closed cleanly: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Sends a read notification (MDN, RFC 8098, "accusé de lecture") for a received message that asked for one.
     *
     * @param received the message read by the user
     * @return the Message-ID of the notification
     * @throws InvalidRequestException if the message asked for no notification
     */
    public String sendReadNotification(IncomingMessage received) {
        Objects.requireNonNull(received, "received");
        String to = received.readReceiptTo().orElseThrow(() -> InvalidRequestException.of("readReceiptTo",
                "the message asked for no read notification"));
        String id = UUID.randomUUID() + "@" + domain(mailbox);
        Session session = connector.smtpSession();
        try {
            SMTPMessage mdn = ReadNotifications.build(session, mailbox, to, received, id, productReference);
            try (Transport transport = connector.openSmtp(session)) {
                transport.sendMessage(mdn, new InternetAddress[] {new InternetAddress(to)});
            }
            return id;
        } catch (MessagingException e) {
            throw MailErrors.sending(e);
        }
    }

    /**
     * Closes the conversation with a patient by sending a message with {@code X-MSS-MES: FIN}: the patient can no
     * longer reply to this mailbox.
     *
     * @param patient the patient
     * @param subject the subject
     * @param text    the last words
     * @return the Message-ID sent
     */
    public String closeConversation(PatientIdentity patient, String subject, String text) {
        return send(MssanteMessage.builder().toPatient(patient).subject(subject).text(text).closeConversation().build());
    }

    /**
     * The folders of the mailbox.
     *
     * @return their full names, e.g. {@code INBOX}, {@code Sent}
     */
    public List<String> folders() {
        acquireImapSession();
        try (Store store = connector.openImap()) {
            List<String> names = new ArrayList<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                names.add(f.getFullName());
            }
            return names;
        } catch (MessagingException e) {
            throw MailErrors.transport(MailErrors.IMAP, e);
        } finally {
            imapSessions.release();
        }
    }

    /** Waits for one of this client's IMAP sessions; release it in a finally block. */
    private void acquireImapSession() {
        try {
            if (!imapSessions.tryAcquire(imapWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransportException("every IMAP session of this client stayed busy for " + imapWait.toMillis()
                        + " ms (at most " + MAX_IMAP_SESSIONS + " at once)", MailErrors.IMAP, null, 0, true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for an IMAP session", MailErrors.IMAP, null, 0,
                    true, e);
        }
    }

    /**
     * Reads every message of a folder, oldest first (flags unchanged: reading does not mark them seen).
     *
     * @param folder the folder, e.g. {@code INBOX}
     * @return the messages
     */
    public List<IncomingMessage> messages(String folder) {
        return withFolder(folder, Folder.READ_ONLY, f -> {
            Message[] all = f.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.ENVELOPE);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(UIDFolder.FetchProfileItem.UID);
            f.fetch(all, fp);
            List<IncomingMessage> out = new ArrayList<>();
            for (Message m : all) {
                out.add(read(f, m));
            }
            return out;
        });
    }

    /**
     * Reads the prescriptions patients sent to this organisational mailbox from Mon espace santé (a pharmacy's),
     * oldest first: the messages of the folder sent by a patient with at least one document attached (PDF, CDA,
     * image, or an IHE XDM package). Other messages stay readable with {@link #messages(String)}; flags are unchanged.
     *
     * @param folder the folder, e.g. {@code INBOX}
     * @return the prescriptions
     * @throws InvalidRequestException if this client's mailbox is not {@link MailboxKind#ORGANISATIONAL}: patients
     *                                 can only write first to organisational mailboxes
     */
    public List<PatientPrescription> patientPrescriptions(String folder) {
        if (mailboxKind != MailboxKind.ORGANISATIONAL) {
            throw InvalidRequestException.of("mailboxKind", "patients send prescriptions to organisational "
                    + "mailboxes only; this client's mailbox is " + mailboxKind);
        }
        return withFolder(folder, Folder.READ_ONLY, f -> {
            Message[] all = f.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.ENVELOPE);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(UIDFolder.FetchProfileItem.UID);
            f.fetch(all, fp);
            List<PatientPrescription> out = new ArrayList<>();
            for (Message m : all) {
                IncomingMessage in = read(f, m);
                if (!in.fromPatient()) {
                    continue;
                }
                java.util.Date received = m.getReceivedDate();
                java.time.Instant at = received != null ? received.toInstant()
                        : in.sentAt().orElse(java.time.Instant.EPOCH);
                PatientPrescription.from(in, at).ifPresent(out::add);
            }
            LOG.debug("MSSante prescriptions read: {} of {} message(s)", out.size(), all.length);
            return out;
        });
    }

    /**
     * Reads one message.
     *
     * @param folder the folder
     * @param uid    the message's UID
     * @return the message, or empty if there is no such UID
     */
    public Optional<IncomingMessage> message(String folder, long uid) {
        return withFolder(folder, Folder.READ_ONLY, f -> {
            Message m = ((IMAPFolder) f).getMessageByUID(uid);
            return m == null ? Optional.empty() : Optional.of(read(f, m));
        });
    }

    /**
     * The messages of a folder whose {@code Message-ID} is the one given (an IMAP {@code SEARCH HEADER} on the server:
     * only the matches are read). For example, to check whether a copy of a message is in the Sent folder.
     *
     * @param folder    the folder
     * @param messageId the Message-ID, with or without angle brackets
     * @return the matching messages, oldest first (flags unchanged)
     */
    public List<IncomingMessage> messagesWithId(String folder, String messageId) {
        String id = bare(messageId);
        return withFolder(folder, Folder.READ_ONLY, f -> {
            List<IncomingMessage> out = new ArrayList<>();
            for (Message m : f.search(new jakarta.mail.search.HeaderTerm("Message-ID", id))) {
                IncomingMessage in = read(f, m);
                if (in.messageId().map(id::equals).orElse(false)) {
                    out.add(in);
                }
            }
            return out;
        });
    }

    /**
     * The delivery status notifications (DSN) of a folder about a message sent from this mailbox: those whose original
     * Message-ID is the one given (the server searches the reports' text for it; only the matches are read).
     *
     * @param folder    the folder the operator delivers reports to, usually {@code INBOX}
     * @param messageId the Message-ID of the message sent, with or without angle brackets
     * @return the reports found, oldest first (flags unchanged); empty when none arrived (yet)
     */
    public List<DeliveryStatus> deliveryStatusesFor(String folder, String messageId) {
        String id = bare(messageId);
        return withFolder(folder, Folder.READ_ONLY, f -> {
            List<DeliveryStatus> out = new ArrayList<>();
            for (Message m : f.search(new jakarta.mail.search.BodyTerm(id))) {
                read(f, m).deliveryStatus().filter(d -> d.originalMessageId().map(id::equals).orElse(false))
                        .ifPresent(out::add);
            }
            return out;
        });
    }

    /** @return the connect and read timeouts of this client's connections */
    public Timeouts timeouts() {
        return timeouts;
    }

    private static String bare(String messageId) {
        String s = MssanteMessage.bareMessageId("messageId", Objects.requireNonNull(messageId, "messageId"));
        if (s.indexOf('"') >= 0 || s.indexOf('\\') >= 0) {
            // quoted into an IMAP SEARCH string
            throw InvalidRequestException.of("messageId", "must look like local@domain");
        }
        return s;
    }

    /**
     * Sets or clears a flag.
     *
     * @param folder the folder
     * @param uid    the message's UID
     * @param flag   the flag
     * @param set    {@code true} to set, {@code false} to clear
     */
    public void flag(String folder, long uid, MessageFlag flag, boolean set) {
        withFolder(folder, Folder.READ_WRITE, f -> {
            Message m = requireMessage(f, uid);
            m.setFlags(new Flags(MimeReader.imapFlag(flag)), set);
            return null;
        });
    }

    /**
     * Moves a message to another folder (IMAP MOVE).
     *
     * @param folder the folder it is in
     * @param uid    the message's UID
     * @param target the destination folder, which must exist
     */
    public void move(String folder, long uid, String target) {
        Objects.requireNonNull(target, "target");
        withFolder(folder, Folder.READ_WRITE, f -> {
            Message m = requireMessage(f, uid);
            Folder dest = f.getStore().getFolder(target);
            if (!dest.exists()) {
                throw InvalidRequestException.of("target", "no such folder");
            }
            ((IMAPFolder) f).moveMessages(new Message[] {m}, dest);
            return null;
        });
    }

    /** Nothing to release: connections are per call. Provided for try-with-resources. */
    @Override
    public void close() {
        // connections are opened and closed by each call
    }

    @Override
    public String toString() {
        return "MssanteClient[" + environment + "]";
    }

    private IncomingMessage read(Folder f, Message m) throws MessagingException {
        try {
            return MimeReader.read(f.getFullName(), ((UIDFolder) f).getUID(m), m, xdmLimits);
        } catch (IOException e) {
            throw new MessagingException("cannot read a message", e);
        }
    }

    private static Message requireMessage(Folder f, long uid) throws MessagingException {
        Message m = ((IMAPFolder) f).getMessageByUID(uid);
        if (m == null) {
            throw InvalidRequestException.of("uid", "no message with this UID in the folder");
        }
        return m;
    }

    private interface FolderWork<T> {
        T run(Folder folder) throws MessagingException;
    }

    private <T> T withFolder(String folder, int mode, FolderWork<T> work) {
        Objects.requireNonNull(folder, "folder");
        acquireImapSession();
        try (Store store = connector.openImap()) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                throw InvalidRequestException.of("folder", "no such folder");
            }
            f.open(mode);
            try {
                return work.run(f);
            } finally {
                if (f.isOpen()) {
                    f.close(false);
                }
            }
        } catch (MessagingException e) {
            throw MailErrors.transport(MailErrors.IMAP, e);
        } finally {
            imapSessions.release();
        }
    }

    private static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** Builds an {@link MssanteClient}. Not thread-safe. */
    public static final class Builder {
        private String smtpHost;
        private int smtpPort = 587;
        private String imapHost;
        private int imapPort = 143;
        private ConnectionSecurity security = ConnectionSecurity.STARTTLS;
        private TlsOptions tls;
        private MssanteAuthentication authentication;
        private String mailbox;
        private MailboxKind mailboxKind;
        private MssanteEnvironment environment = MssanteEnvironment.PRODUCTION;
        private String productReference;
        private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private XdmLimits xdmLimits = XdmLimits.DEFAULT;
        private Timeouts timeouts = Timeouts.DEFAULT;

        private Builder() {
        }

        /**
         * The operator's SMTP submission server (from the operator's documentation, never from user input: the
         * access token is sent there).
         *
         * @param host the host
         * @param port the port (587 with STARTTLS, 465 with implicit TLS)
         * @return this builder
         */
        public Builder smtp(String host, int port) {
            this.smtpHost = host;
            this.smtpPort = port;
            return this;
        }

        /**
         * The operator's IMAP server.
         *
         * @param host the host
         * @param port the port (143 with STARTTLS, 993 with implicit TLS)
         * @return this builder
         */
        public Builder imap(String host, int port) {
            this.imapHost = host;
            this.imapPort = port;
            return this;
        }

        /**
         * @param security STARTTLS (default) or implicit TLS
         * @return this builder
         */
        public Builder security(ConnectionSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * @param tls the trust anchors (IGC-Santé roots), TLS versions and cipher suites
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param authentication an access token with XOAUTH2 or OAUTHBEARER, or a client certificate
         * @return this builder
         */
        public Builder authentication(MssanteAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        /**
         * @param mailbox the mailbox address (the sender of every message)
         * @return this builder
         */
        public Builder mailbox(String mailbox) {
            this.mailbox = mailbox;
            return this;
        }

        /**
         * The kind of the mailbox, as published in the Annuaire Santé. By default {@link MailboxKind#APPLICATIVE} with
         * a client certificate, {@link MailboxKind#PERSONAL} with a Pro Santé Connect token. An applicative mailbox
         * authenticates with an organisation certificate, the other kinds with a person's token. Reading
         * {@link MssanteClient#patientPrescriptions(String) patients' prescriptions} needs {@link MailboxKind#ORGANISATIONAL}.
         *
         * @param kind the kind
         * @return this builder
         */
        public Builder mailboxKind(MailboxKind kind) {
            this.mailboxKind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        private MailboxKind kind() {
            if (mailboxKind != null) {
                return mailboxKind;
            }
            return authentication != null
                    && authentication.mechanism() == MssanteAuthentication.Mechanism.CLIENT_CERTIFICATE
                    ? MailboxKind.APPLICATIVE : MailboxKind.PERSONAL;
        }

        /**
         * @param environment {@link MssanteEnvironment#PRODUCTION} (default) or {@link MssanteEnvironment#TEST}
         * @return this builder
         */
        public Builder environment(MssanteEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param reference the product reference given when declaring the software on Convergence, sent as
         *                  {@code X-MSS-NIL} on every message
         * @return this builder
         */
        public Builder productReference(String reference) {
            this.productReference = reference;
            return this;
        }

        /**
         * @param bytes the largest message sent, on the wire (default {@link #DEFAULT_MAX_MESSAGE_BYTES})
         * @return this builder
         */
        public Builder maxMessageBytes(long bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * @param limits the limits applied to XDM archives read from received messages
         * @return this builder
         */
        public Builder xdmLimits(XdmLimits limits) {
            this.xdmLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param timeouts connect and read timeouts
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every missing or invalid setting
         */
        public MssanteClient build() {
            Violations v = new Violations();
            v.require(smtpHost != null && !smtpHost.isBlank(), "smtp.host", "required");
            v.require(imapHost != null && !imapHost.isBlank(), "imap.host", "required");
            v.require(smtpPort > 0 && smtpPort < 65536, "smtp.port", "1 to 65535");
            v.require(imapPort > 0 && imapPort < 65536, "imap.port", "1 to 65535");
            v.require(tls != null, "tls", "TLS options with the IGC-Santé trust anchors are required");
            v.require(authentication != null, "authentication", "an access token (XOAUTH2 or OAUTHBEARER) or a client certificate is required");
            v.require(mailbox != null && MssanteMessage.ADDRESS.matcher(mailbox).matches(), "mailbox",
                    "a mailbox address is required");
            v.require(mailbox == null || !mailbox.toLowerCase(Locale.ROOT).endsWith("@" + PATIENT_DOMAIN),
                    "mailbox", "a professional, organisational or applicative mailbox is required");
            v.require(productReference != null && productReference.matches("[\\x21-\\x7e][\\x20-\\x7e]{0,127}"),
                    "productReference", "the Convergence product reference (X-MSS-NIL) is required, printable ASCII");
            v.require(maxMessageBytes > 0, "maxMessageBytes", "must be positive");
            if (authentication != null) {
                boolean certificate = authentication.mechanism() == MssanteAuthentication.Mechanism.CLIENT_CERTIFICATE;
                v.require(certificate == (kind() == MailboxKind.APPLICATIVE), "mailboxKind",
                        "an applicative mailbox authenticates with an organisation certificate, and only it does");
            }
            v.throwIfAny();
            try {
                return new MssanteClient(this);
            } catch (SegurException e) {
                throw e;
            }
        }
    }
}
