package io.segursdk.mssante.internal;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.mssante.Attachment;
import io.segursdk.mssante.DeliveryStatus;
import io.segursdk.mssante.IncomingMessage;
import io.segursdk.mssante.MessageFlag;
import io.segursdk.mssante.ReadNotification;
import io.segursdk.mssante.XdmLimits;
import io.segursdk.mssante.XdmPackage;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a received MIME message into an {@link IncomingMessage}: bodies, attachments, X-MSS headers, DSN, MDN, XDM. */
public final class MimeReader {

    private MimeReader() {
    }

    /**
     * @param folder the folder name
     * @param uid    the message's UID
     * @param m      the message
     * @param limits the XDM reading limits
     * @return the typed message
     * @throws MessagingException if the message cannot be read
     * @throws IOException        if a part cannot be read
     */
    public static IncomingMessage read(String folder, long uid, Message m, XdmLimits limits)
            throws MessagingException, IOException {
        Parts parts = new Parts();
        walk(m, parts);
        Map<String, String> mss = new HashMap<>();
        for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            if (h.getName().toUpperCase(Locale.ROOT).startsWith("X-MSS-")) {
                mss.putIfAbsent(h.getName().toUpperCase(Locale.ROOT), h.getValue().strip());
            }
        }
        XdmPackage xdm = null;
        for (Attachment a : parts.attachments) {
            if (a.fileName().equalsIgnoreCase(XdmPackage.FILE_NAME)) {
                try {
                    xdm = XdmPackage.read(new ByteArrayInputStream(a.content()), limits);
                } catch (InvalidRequestException e) {
                    xdm = null;
                }
            }
        }
        Address[] from = m.getFrom();
        return new IncomingMessage(folder, uid, id(header(m, "Message-ID")), id(header(m, "In-Reply-To")),
                from == null || from.length == 0 ? "" : address(from[0]),
                addresses(m.getRecipients(Message.RecipientType.TO)),
                addresses(m.getRecipients(Message.RecipientType.CC)),
                m.getSubject() == null ? "" : m.getSubject(),
                Optional.ofNullable(m.getSentDate()).map(java.util.Date::toInstant),
                Optional.ofNullable(parts.text), Optional.ofNullable(parts.html), parts.attachments, mss,
                flags(m.getFlags()), Optional.ofNullable(header(m, "Disposition-Notification-To"))
                        .flatMap(MimeReader::firstAddress),
                Optional.ofNullable(parts.dsn), Optional.ofNullable(parts.mdn), Optional.ofNullable(xdm));
    }

    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        DeliveryStatus dsn;
        ReadNotification mdn;
        String originalMessageId;
    }

    private static void walk(Part p, Parts out) throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                walk(mp.getBodyPart(i), out);
            }
            if (out.dsn != null && out.dsn.originalMessageId().isEmpty() && out.originalMessageId != null) {
                out.dsn = new DeliveryStatus(Optional.of(out.originalMessageId), out.dsn.reportingMta(),
                        out.dsn.recipients());
            }
            return;
        }
        String disposition = p.getDisposition();
        String fileName = p.getFileName() == null ? null : MimeUtility.decodeText(p.getFileName());
        if (p.isMimeType("message/delivery-status")) {
            out.dsn = deliveryStatus(readAll(p));
        } else if (p.isMimeType("message/disposition-notification")) {
            out.mdn = readNotification(readAll(p));
        } else if (p.isMimeType("text/rfc822-headers")) {
            Map<String, String> h = fields(new String(readAll(p), StandardCharsets.UTF_8)).get(0);
            out.originalMessageId = id(h.get("message-id")).orElse(null);
        } else if (fileName == null && !Part.ATTACHMENT.equalsIgnoreCase(disposition) && p.isMimeType("text/plain")
                && out.text == null) {
            out.text = (String) p.getContent();
        } else if (fileName == null && !Part.ATTACHMENT.equalsIgnoreCase(disposition) && p.isMimeType("text/html")
                && out.html == null) {
            out.html = (String) p.getContent();
        } else {
            String type = new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            out.attachments.add(new Attachment(fileName == null ? "attachment" : fileName, type, readAll(p)));
        }
    }

    private static byte[] readAll(Part p) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * Parses the blocks of a report part: name/value fields, blocks separated by blank lines.
     *
     * @param text the part's text
     * @return one map per block, names lower-cased
     */
    static List<Map<String, String>> fields(String text) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.put(last, current.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                current.putIfAbsent(last, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        if (blocks.isEmpty()) {
            blocks.add(Map.of());
        }
        return blocks;
    }

    private static DeliveryStatus deliveryStatus(byte[] raw) {
        List<Map<String, String>> blocks = fields(new String(raw, StandardCharsets.UTF_8));
        Map<String, String> perMessage = blocks.get(0);
        List<DeliveryStatus.Recipient> recipients = new ArrayList<>();
        for (Map<String, String> b : blocks.subList(1, blocks.size())) {
            if (b.containsKey("final-recipient") && b.containsKey("action")) {
                recipients.add(new DeliveryStatus.Recipient(typed(b.get("final-recipient")), b.get("action"),
                        b.getOrDefault("status", ""), Optional.ofNullable(b.get("diagnostic-code"))));
            }
        }
        return new DeliveryStatus(Optional.empty(), Optional.ofNullable(perMessage.get("reporting-mta")).map(MimeReader::typed),
                recipients);
    }

    private static ReadNotification readNotification(byte[] raw) {
        Map<String, String> f = fields(new String(raw, StandardCharsets.UTF_8)).get(0);
        return new ReadNotification(id(f.get("original-message-id")), typed(f.getOrDefault("final-recipient", "")),
                f.getOrDefault("disposition", ""));
    }

    private static String typed(String v) {
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(semi + 1)).strip();
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] v = m.getHeader(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    private static Optional<String> id(String v) {
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        String s = v.strip();
        int lt = s.indexOf('<');
        int gt = s.indexOf('>', lt + 1);
        return Optional.of(lt >= 0 && gt > lt ? s.substring(lt + 1, gt) : s);
    }

    private static Optional<String> firstAddress(String header) {
        try {
            InternetAddress[] a = InternetAddress.parseHeader(header, false);
            return a.length == 0 ? Optional.empty() : Optional.of(a[0].getAddress());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static String address(Address a) {
        return a instanceof InternetAddress ia ? ia.getAddress() : a.toString();
    }

    private static List<String> addresses(Address[] as) {
        List<String> out = new ArrayList<>();
        if (as != null) {
            for (Address a : as) {
                out.add(address(a));
            }
        }
        return out;
    }

    /**
     * @param f IMAP flags
     * @return the system flags set
     */
    public static Set<MessageFlag> flags(Flags f) {
        Set<MessageFlag> out = EnumSet.noneOf(MessageFlag.class);
        if (f.contains(Flags.Flag.SEEN)) {
            out.add(MessageFlag.SEEN);
        }
        if (f.contains(Flags.Flag.FLAGGED)) {
            out.add(MessageFlag.FLAGGED);
        }
        if (f.contains(Flags.Flag.ANSWERED)) {
            out.add(MessageFlag.ANSWERED);
        }
        if (f.contains(Flags.Flag.DELETED)) {
            out.add(MessageFlag.DELETED);
        }
        return out;
    }

    /**
     * @param flag an SDK flag
     * @return the IMAP flag
     */
    public static Flags.Flag imapFlag(MessageFlag flag) {
        switch (flag) {
            case SEEN:
                return Flags.Flag.SEEN;
            case FLAGGED:
                return Flags.Flag.FLAGGED;
            case ANSWERED:
                return Flags.Flag.ANSWERED;
            default:
                return Flags.Flag.DELETED;
        }
    }
}
