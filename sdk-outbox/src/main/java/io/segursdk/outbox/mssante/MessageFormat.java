package io.segursdk.outbox.mssante;

import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.mssante.IncomingMessage;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.outbox.ContentSource;
import io.segursdk.outbox.OutboxException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored form of an MSSanté message: a UTF-8 JSON document, {@code "format": "segur-sdk/mssante-message"},
 * {@code "version": 1}, described in docs/outbox.md. The attachments are not in it: they are the item's content, one
 * after the other, their lengths listed here.
 *
 * <p>Readers accept their own version and older ones; a newer version is refused.
 */
final class MessageFormat {

    static final String FORMAT = "segur-sdk/mssante-message";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageFormat() {
    }

    /** One attachment stored in the content: name, media type, length in bytes. */
    record StoredAttachment(String fileName, String mimeType, long length) {
    }

    static byte[] write(MssanteMessage m, String messageId, List<StoredAttachment> attachments) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("messageId", messageId);
        strings(root.putArray("to"), m.to());
        strings(root.putArray("cc"), m.cc());
        m.patient().ifPresent(p -> {
            Ins ins = p.requireQualifiedIns();
            IdentityTraits t = p.traits();
            ObjectNode patient = root.putObject("patient");
            patient.put("matricule", ins.matricule());
            patient.put("oid", ins.oid());
            patient.put("birthName", t.birthName());
            strings(patient.putArray("birthFirstNames"), t.birthFirstNames());
            patient.put("sex", t.sex().code());
            patient.put("birthDate", t.birthDate().value());
            t.birthPlace().ifPresent(b -> patient.put("birthPlace", b.code()));
        });
        m.patientReplyAddress().ifPresent(a -> root.put("patientReplyAddress", a));
        root.put("subject", m.subject());
        m.text().ifPresent(v -> root.put("text", v));
        m.html().ifPresent(v -> root.put("html", v));
        ArrayNode files = root.putArray("attachments");
        for (StoredAttachment a : attachments) {
            ObjectNode f = files.addObject();
            f.put("fileName", a.fileName());
            f.put("mimeType", a.mimeType());
            f.put("length", a.length());
        }
        root.put("requestMdn", m.requestsMdn());
        root.put("closeConversation", m.closesConversation());
        strings(root.putArray("cdaCodes"), m.cdaCodes());
        m.insQualified().ifPresent(q -> root.put("insQualified", q));
        m.inReplyTo().ifPresent(v -> root.put("inReplyTo", v));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stored message", e);
        }
    }

    /**
     * Rebuilds the message to send: the stored Message-ID, a DSN always requested, the attachments streamed from the
     * item's content.
     */
    static MssanteMessage read(byte[] metadata, ContentSource content) {
        JsonNode root;
        try {
            root = JSON.readTree(metadata);
        } catch (IOException e) {
            throw content("the stored MSSanté message is not readable");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw content("the stored item is not an MSSanté message");
        }
        if (root.path("version").asInt(0) < 1 || root.path("version").asInt() > VERSION) {
            throw content("the stored MSSanté message has format version " + root.path("version").asText()
                    + "; this library reads up to " + VERSION);
        }
        try {
            MssanteMessage.Builder b = MssanteMessage.builder()
                    .messageId(root.path("messageId").asText())
                    .subject(root.path("subject").asText())
                    .requestDsn();
            b.to(strings(root.path("to")));
            b.cc(strings(root.path("cc")));
            JsonNode p = root.path("patient");
            if (p.isObject()) {
                IdentityTraits.Builder t = IdentityTraits.builder()
                        .birthName(p.path("birthName").asText())
                        .birthFirstNames(strings(p.path("birthFirstNames")))
                        .sex(p.path("sex").asText())
                        .birthDate(p.path("birthDate").asText());
                if (p.hasNonNull("birthPlace")) {
                    t.birthPlace(p.path("birthPlace").asText());
                }
                // qualified when enqueued (checked then); the address is rebuilt from the INS by the client
                b.toPatient(PatientIdentity.restore(t.build(), IdentityStatus.QUALIFIED,
                        Ins.of(p.path("matricule").asText(), p.path("oid").asText()), Set.of()));
            }
            if (root.hasNonNull("patientReplyAddress")) {
                b.replyTo(new IncomingMessage("INBOX", 0, text(root, "inReplyTo"), Optional.empty(),
                        root.path("patientReplyAddress").asText(), List.of(), List.of(), "", Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(), Map.of(), Set.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()));
            } else {
                text(root, "inReplyTo").ifPresent(b::inReplyTo);
            }
            text(root, "text").ifPresent(b::text);
            text(root, "html").ifPresent(b::html);
            long offset = 0;
            for (JsonNode f : root.path("attachments")) {
                long start = offset;
                long length = f.path("length").asLong();
                offset += length;
                b.attachment(f.path("fileName").asText(), f.path("mimeType").asText(),
                        () -> slice(content, start, length));
            }
            if (root.path("requestMdn").asBoolean()) {
                b.requestMdn();
            }
            if (root.path("closeConversation").asBoolean()) {
                b.closeConversation();
            }
            b.cdaCodes(strings(root.path("cdaCodes")));
            if (root.hasNonNull("insQualified")) {
                b.insQualified(root.path("insQualified").asBoolean());
            }
            return b.build();
        } catch (RuntimeException e) {
            if (e instanceof OutboxException o) {
                throw o;
            }
            // the stored form was altered or written by a faulty writer; its content is not repeated here
            throw content("the stored MSSanté message is invalid (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The Message-ID stored, without reading anything else. */
    static String messageId(byte[] metadata) {
        try {
            JsonNode root = JSON.readTree(metadata);
            String id = root == null ? "" : root.path("messageId").asText();
            if (id.isEmpty()) {
                throw content("the stored MSSanté message has no Message-ID");
            }
            return id;
        } catch (IOException e) {
            throw content("the stored MSSanté message is not readable");
        }
    }

    private static InputStream slice(ContentSource content, long start, long length) throws IOException {
        InputStream in = content.open();
        try {
            in.skipNBytes(start);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new BoundedStream(in, length);
    }

    private static Optional<String> text(JsonNode root, String field) {
        return root.hasNonNull(field) ? Optional.of(root.path(field).asText()) : Optional.empty();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }

    private static OutboxException content(String message) {
        return new OutboxException(OutboxException.Kind.CONTENT, message, false, null);
    }

    /** At most {@code length} bytes of a stream; closes it when closed. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
