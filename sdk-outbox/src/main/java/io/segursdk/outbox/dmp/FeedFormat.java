package io.segursdk.outbox.dmp;

import io.segursdk.dmp.AccessMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Replacement;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Visibility;
import io.segursdk.outbox.OutboxException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored form of a DMP feed's metadata: a UTF-8 JSON document, {@code "format": "segur-sdk/dmp-feed"},
 * {@code "version": 1}, described field by field in docs/outbox.md. Codes are the services' own (TRE_R248 access modes,
 * TRE_A07 visibility codes), times ISO-8601 instants, so the format does not depend on Java names.
 *
 * <p>Readers accept their own version and older ones; a newer version is refused (an older library must not send a
 * feed it would only partly understand).
 */
final class FeedFormat {

    static final String FORMAT = "segur-sdk/dmp-feed";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedFormat() {
    }

    /** A decoded feed: the access to send it with and the submission (its content read from the given source). */
    record Decoded(DmpAccess access, Submission submission) {
    }

    static byte[] write(DmpAccess access, Submission s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);

        ObjectNode a = root.putObject("access");
        a.put("mode", access.mode().code());
        a.put("secretConnection", access.secretConnection());

        DocumentMetadata m = s.metadata();
        ObjectNode patient = root.putObject("patient");
        patient.put("matricule", m.patientId().matricule());
        patient.put("oid", m.patientId().oid());

        ObjectNode sub = root.putObject("submission");
        sub.put("uniqueId", s.uniqueId());
        sub.put("sourceId", s.sourceId());
        sub.set("contentType", coded(s.contentType()));
        sub.put("submissionTime", s.submissionTime().toString());
        s.replacement().ifPresent(r -> {
            ObjectNode rep = sub.putObject("replaces");
            rep.put("entryUuid", r.entryUuid());
            rep.put("uniqueId", r.uniqueId());
        });

        ObjectNode doc = root.putObject("document");
        doc.put("mimeType", s.document().mimeType());
        doc.set("formatCode", coded(s.document().formatCode()));

        ObjectNode md = root.putObject("metadata");
        md.put("uniqueId", m.uniqueId());
        if (m.sourcePatientId().isPresent()) {
            ObjectNode local = md.putObject("sourcePatientId");
            local.put("id", m.sourcePatientId().get());
            local.put("oid", m.sourcePatientIdOid().orElseThrow());
        }
        md.set("classCode", coded(m.classCode()));
        md.set("typeCode", coded(m.typeCode()));
        md.put("title", m.title());
        m.comments().ifPresent(c -> md.put("comments", c));
        md.put("creationTime", m.creationTime().toString());
        m.serviceStartTime().ifPresent(t -> md.put("serviceStartTime", t.toString()));
        m.serviceStopTime().ifPresent(t -> md.put("serviceStopTime", t.toString()));
        md.set("healthcareFacilityType", coded(m.healthcareFacilityType()));
        md.set("practiceSetting", coded(m.practiceSetting()));
        ArrayNode authors = md.putArray("authors");
        for (Author au : m.authors()) {
            authors.add(author(au));
        }
        m.legalAuthenticator().ifPresent(la -> md.set("legalAuthenticator", author(la)));
        md.put("languageCode", m.languageCode());
        ArrayNode visibility = md.putArray("visibility");
        for (Visibility.Flag f : Visibility.Flag.values()) {
            if (m.visibility().has(f)) {
                visibility.add(f.code());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a DMP feed's metadata", e);
        }
    }

    static Decoded read(byte[] data, DmpDocument.ContentSource content) {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (IOException e) {
            throw unreadable("is not JSON", null);
        }
        if (root == null || !FORMAT.equals(text(root, "format"))) {
            throw unreadable("is not a " + FORMAT + " document", null);
        }
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw unreadable("has version " + version + "; this library reads up to version " + VERSION, null);
        }
        try {
            JsonNode a = root.path("access");
            DmpAccess access = new DmpAccess(patient(root.path("patient")), accessMode(text(a, "mode")),
                    a.path("secretConnection").asBoolean(false));

            JsonNode md = root.path("metadata");
            DocumentMetadata.Builder mb = DocumentMetadata.builder()
                    .patientId(access.patient())
                    .uniqueId(text(md, "uniqueId"))
                    .classCode(coded(md.path("classCode")))
                    .typeCode(coded(md.path("typeCode")))
                    .title(text(md, "title"))
                    .comments(optionalText(md, "comments"))
                    .creationTime(instant(text(md, "creationTime")))
                    .serviceTime(instant(optionalText(md, "serviceStartTime")),
                            instant(optionalText(md, "serviceStopTime")))
                    .healthcareFacilityType(coded(md.path("healthcareFacilityType")))
                    .practiceSetting(coded(md.path("practiceSetting")))
                    .languageCode(text(md, "languageCode"));
            if (md.has("sourcePatientId")) {
                mb.sourcePatientId(text(md.path("sourcePatientId"), "id"), text(md.path("sourcePatientId"), "oid"));
            }
            for (JsonNode au : md.path("authors")) {
                mb.author(author(au));
            }
            if (md.has("legalAuthenticator")) {
                mb.legalAuthenticator(author(md.path("legalAuthenticator")));
            }
            EnumSet<Visibility.Flag> flags = EnumSet.noneOf(Visibility.Flag.class);
            for (JsonNode v : md.path("visibility")) {
                flags.add(flag(v.asText()));
            }
            mb.visibility(Visibility.of(flags));
            DocumentMetadata metadata = mb.build();

            JsonNode doc = root.path("document");
            DmpDocument document = DmpDocument.of(content, text(doc, "mimeType"), coded(doc.path("formatCode")));

            JsonNode sub = root.path("submission");
            Submission.Builder sb = Submission.builder()
                    .document(document, metadata)
                    .uniqueId(text(sub, "uniqueId"))
                    .sourceId(text(sub, "sourceId"))
                    .contentType(coded(sub.path("contentType")))
                    .submissionTime(instant(text(sub, "submissionTime")));
            if (sub.has("replaces")) {
                sb.replaces(new Replacement(text(sub.path("replaces"), "entryUuid"),
                        text(sub.path("replaces"), "uniqueId")));
            }
            return new Decoded(access, sb.build());
        } catch (RuntimeException e) {
            // validation messages name fields, never values; the cause is kept out (it may quote a value)
            throw unreadable("is incomplete or invalid (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static OutboxException unreadable(String why, Throwable cause) {
        return new OutboxException(OutboxException.Kind.CONTENT, "The stored DMP feed metadata " + why, false, cause);
    }

    private static ObjectNode coded(CodedValue c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", c.code());
        n.put("codeSystem", c.codeSystem());
        n.put("displayName", c.displayName());
        return n;
    }

    private static CodedValue coded(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return new CodedValue(text(n, "code"), text(n, "codeSystem"), text(n, "displayName"));
    }

    private static ObjectNode author(Author a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("nationalId", a.nationalId());
        n.put("familyName", a.familyName());
        n.put("givenName", a.givenName());
        n.set("specialty", coded(a.specialty()));
        a.role().ifPresent(r -> n.set("role", coded(r)));
        ObjectNode st = n.putObject("structure");
        st.put("name", a.structure().name());
        st.put("nationalId", a.structure().nationalId());
        return n;
    }

    private static Author author(JsonNode n) {
        Author.Builder b = Author.builder()
                .nationalId(text(n, "nationalId"))
                .name(text(n, "familyName"), text(n, "givenName"))
                .specialty(coded(n.path("specialty")))
                .structure(new Structure(text(n.path("structure"), "name"), text(n.path("structure"), "nationalId")));
        if (n.has("role")) {
            b.role(coded(n.path("role")));
        }
        return b.build();
    }

    private static PatientId patient(JsonNode n) {
        return PatientId.ofIns(text(n, "matricule"), text(n, "oid"));
    }

    private static AccessMode accessMode(String code) {
        for (AccessMode m : AccessMode.values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown access mode");
    }

    private static Visibility.Flag flag(String code) {
        for (Visibility.Flag f : Visibility.Flag.values()) {
            if (f.code().equals(code)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown visibility code");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an instant");
        }
    }
}
