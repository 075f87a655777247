package io.segursdk.outbox.mssante;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.mssante.DeliveryStatus;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.NotSubmittedException;
import io.segursdk.outbox.ContentSource;
import io.segursdk.outbox.DeliveryUnknownException;
import io.segursdk.outbox.OutboxError;
import io.segursdk.outbox.OutboxException;
import io.segursdk.outbox.OutboxItem;
import io.segursdk.outbox.OutboxSender;
import io.segursdk.outbox.SendResult;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's {@link MssanteOutbox#KIND MSSanté messages} from one mailbox (an {@link MssanteClient}), and
 * tells the worker whether a message already went out before any re-send.
 *
 * <p>Every message is sent with its stored Message-ID and asks for a delivery status notification (DSN,
 * {@code NOTIFY=SUCCESS,FAILURE}, the MSSanté "accusé de réception"). After an attempt whose outcome is unknown (the
 * process died during it, the connection was cut before the server's reply), the next attempt first looks over IMAP
 * for:
 * <ol>
 *   <li>a copy with that Message-ID in the {@link Builder#sentFolder(String) Sent folder}, when the operator (or the
 *       vendor's software) saves one after submission;</li>
 *   <li>a DSN in the {@link Builder#reportFolder(String) report folder} whose original Message-ID is the message's: a
 *       delivered, relayed or delayed recipient proves the operator took the message (the item is recorded sent,
 *       {@code confirmedBy=dsn}); a failed recipient makes the item {@link io.segursdk.outbox.OutboxStatus#FAILED}
 *       with a {@link ServiceFaultException} (code {@value #UNDELIVERABLE}, subcode the RFC 3463 status).</li>
 * </ol>
 * When neither is found and the previous attempt provably submitted nothing (it failed with an
 * {@link AttemptNotSubmittedException}, code {@value #NOT_SUBMITTED}: every failure of {@link MssanteClient#send}
 * except a plain {@link TransportException}, see there), the message is sent again at once. Otherwise reports may
 * still be on their way: until {@link Builder#deliveryGrace(Duration)} has passed since that attempt started, the
 * check ends with a {@link DeliveryUnknownException} (retried later, nothing sent); after it, the message is taken as
 * not delivered and sent again, with the same Message-ID.
 *
 * <p>Recorded service identifiers: {@value #MESSAGE_ID} and {@value #CONFIRMED_BY} ({@code submission}: the server
 * accepted it; {@code dsn} or {@code sentCopy}: found by the check). Thread-safe, as the client is; it does not close
 * the client.
 */
public final class MssanteSender implements OutboxSender {

    /** The recorded identifier of the message's Message-ID (without angle brackets). */
    public static final String MESSAGE_ID = "messageId";
    /** The recorded identifier saying how delivery was established: submission, dsn or sentCopy. */
    public static final String CONFIRMED_BY = "confirmedBy";
    /**
     * The code of an {@link AttemptNotSubmittedException}: the attempt failed before the operator could have taken the
     * message (the item's last error reads {@code NOT_SUBMITTED/<attempt>}).
     */
    public static final String NOT_SUBMITTED = "NOT_SUBMITTED";
    /** The code of the exception of a message the operator reported undeliverable. */
    public static final String UNDELIVERABLE = "DSN_FAILED";
    /** Default {@link Builder#deliveryGrace(Duration)}. */
    public static final Duration DEFAULT_DELIVERY_GRACE = Duration.ofMinutes(15);
    /** Exchanges with a server that {@link #maxSendDuration()} allows by default, each within the read timeout. */
    public static final int DEFAULT_EXCHANGES = 15;

    private static final Logger LOG = LoggerFactory.getLogger(MssanteSender.class);
    private static final String SERVICE = "MSSANTE";
    private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>@]+@[^\\s<>@]+>?");

    private final MssanteClient client;
    private final String reportFolder;
    private final String sentFolder;
    private final Duration grace;
    private final Duration maxSend;
    private final Clock clock;

    private MssanteSender(Builder b) {
        this.client = b.client;
        this.reportFolder = b.reportFolder;
        this.sentFolder = b.sentFolder;
        this.grace = b.grace;
        Timeouts t = client.timeouts();
        this.maxSend = b.maxSend != null ? b.maxSend
                : t.connect().plus(t.read().multipliedBy(DEFAULT_EXCHANGES));
        this.clock = b.clock;
    }

    /**
     * @param client the mailbox to send from (the caller keeps it open while the worker runs)
     * @return a builder
     */
    public static Builder builder(MssanteClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    /** @return the mailbox this sender sends from */
    public String mailbox() {
        return client.mailbox();
    }

    /**
     * Sends the message, its attachments streamed from the outbox (read once to measure the message, then again
     * while sending it: nothing is copied to memory or disk).
     */
    @Override
    public SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
        MssanteMessage message = MessageFormat.read(metadata, content);
        if (!message.messageId().map(item.idempotencyKey()::equals).orElse(false)) {
            throw new OutboxException(OutboxException.Kind.CONTENT,
                    "The stored message of item " + item.id() + " does not match its idempotency key", false, null);
        }
        String id;
        try {
            id = client.send(message);
        } catch (OutboxException e) {
            if (e.kind() == OutboxException.Kind.STORAGE) {
                throw e; // the database is out of reach: the lease will expire
            }
            throw new AttemptNotSubmittedException(item.attempts(), e); // the stored message could not be read
        } catch (SegurException e) {
            if (nothingSubmitted(e)) {
                throw new AttemptNotSubmittedException(item.attempts(), e);
            }
            throw e; // the message may have been taken: the next attempt looks for it first
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(MESSAGE_ID, id);
        ids.put(CONFIRMED_BY, "submission");
        return new SendResult(ids);
    }

    /**
     * Sends a message from a single stream: usable for a message without attachments only (the client reads
     * attachments twice); the worker calls {@link #send(OutboxItem, byte[], ContentSource)}.
     */
    @Override
    public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
        AtomicBoolean opened = new AtomicBoolean();
        return send(item, metadata, () -> {
            if (opened.getAndSet(true)) {
                throw new OutboxException(OutboxException.Kind.CONTENT, "the content can be read once here", false,
                        null);
            }
            return new java.io.FilterInputStream(content) {
                @Override
                public void close() {
                    // the caller closes the underlying stream
                }
            };
        });
    }

    @Override
    public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
        String id = item.idempotencyKey();
        if (sentFolder != null && !client.messagesWithId(sentFolder, id).isEmpty()) {
            LOG.info("Outbox item {}: a copy of the message is in the Sent folder", item.id());
            return Optional.of(result(id, "sentCopy"));
        }
        List<DeliveryStatus> reports = client.deliveryStatusesFor(reportFolder, id);
        Optional<DeliveryStatus.Recipient> failed = reports.stream().flatMap(r -> r.recipients().stream())
                .filter(r -> r.action().equalsIgnoreCase("failed")).findFirst();
        if (failed.isPresent()) {
            long count = reports.stream().flatMap(r -> r.recipients().stream())
                    .filter(r -> r.action().equalsIgnoreCase("failed")).count();
            String diagnostic = failed.get().diagnostic().map(MssanteSender::redact).orElse(null);
            throw new ServiceFaultException("The operator reported the message of item " + item.id()
                    + " undeliverable to " + count + " recipient(s), status " + failed.get().status()
                    + (diagnostic == null ? "" : " (" + diagnostic + ")")
                    + "; the report stays: enqueue a corrected message", SERVICE, UNDELIVERABLE,
                    failed.get().status(), null, id, diagnostic, false, null);
        }
        if (!reports.isEmpty()) {
            LOG.info("Outbox item {}: a delivery report shows the message went out", item.id());
            return Optional.of(result(id, "dsn"));
        }
        if (previousAttemptSubmittedNothing(item)) {
            LOG.info("Outbox item {}: its last attempt submitted nothing; sending now", item.id());
            return Optional.empty();
        }
        Optional<Instant> started = item.sendStartedAt();
        if (started.isPresent()) {
            Instant until = started.get().plus(grace);
            if (clock.instant().isBefore(until)) {
                throw new DeliveryUnknownException("No delivery report yet for the message of item " + item.id()
                        + "; checking again later, until " + until, SERVICE);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a failure of {@link MssanteClient#send} proves the operator did not take the message: every one does
     * except a plain {@link TransportException} (the connection failed after the whole message was written, before
     * the operator's reply).
     */
    private static boolean nothingSubmitted(SegurException e) {
        return !(e instanceof TransportException) || e instanceof NotSubmittedException;
    }

    /**
     * Whether the item's last error is the {@link AttemptNotSubmittedException} of the attempt just before this one:
     * no send started since (a send cut short by a crash records nothing, so its error would be an older attempt's).
     */
    private static boolean previousAttemptSubmittedNothing(OutboxItem item) {
        String expected = NOT_SUBMITTED + "/" + (item.attempts() - 1);
        return item.lastError().flatMap(OutboxError::codeIfAny).map(expected::equals).orElse(false);
    }

    /**
     * The longest one send or check can last: by default the client's connect timeout plus {@value #DEFAULT_EXCHANGES}
     * exchanges each within its read timeout (one submission of a message with up to five recipients), or the bound
     * given to {@link Builder#maxSendDuration(Duration)}.
     */
    @Override
    public Optional<Duration> maxSendDuration() {
        return Optional.of(maxSend);
    }

    /** A server's diagnostic with every address replaced (an address may be a patient's). */
    private static String redact(String text) {
        return ADDRESS.matcher(text.strip()).replaceAll("<address>");
    }

    private static SendResult result(String id, String how) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(MESSAGE_ID, id);
        ids.put(CONFIRMED_BY, how);
        return new SendResult(ids);
    }

    @Override
    public String toString() {
        return "MssanteSender[" + client + "]";
    }

    /** Builds an {@link MssanteSender}. Not thread-safe. */
    public static final class Builder {
        private final MssanteClient client;
        private String reportFolder = "INBOX";
        private String sentFolder;
        private Duration grace = DEFAULT_DELIVERY_GRACE;
        private Duration maxSend;
        private Clock clock = Clock.systemUTC();

        private Builder(MssanteClient client) {
            this.client = client;
        }

        /**
         * @param folder where the operator delivers delivery status notifications (default {@code INBOX}); if the
         *               vendor's software moves them elsewhere, say where
         * @return this builder
         */
        public Builder reportFolder(String folder) {
            this.reportFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * @param folder a folder where a copy of each submitted message is saved (by the operator or the vendor's
         *               software), searched by Message-ID; none by default
         * @return this builder
         */
        public Builder sentFolder(String folder) {
            this.sentFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * @param grace how long after an attempt of unknown outcome started its delivery report may still arrive
         *              (default {@link #DEFAULT_DELIVERY_GRACE}); until then the message is not sent again
         * @return this builder
         */
        public Builder deliveryGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("the grace period cannot be negative");
            }
            this.grace = grace;
            return this;
        }

        /**
         * @param longest the longest one send can last with this client (its timeouts and token supplier), when the
         *                default bound does not hold (more recipients, a token supplier that can block)
         * @return this builder
         */
        public Builder maxSendDuration(Duration longest) {
            this.maxSend = Objects.requireNonNull(longest, "longest");
            return this;
        }

        /**
         * @param clock the clock the grace period is measured with (tests)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the sender */
        public MssanteSender build() {
            return new MssanteSender(this);
        }
    }
}
