package io.segursdk.mssante.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.segursdk.mssante.MailboxEntry;
import io.segursdk.mssante.MailboxKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads MSSanté mailboxes out of an Annuaire Santé FHIR search Bundle: the {@code telecom} entries of Practitioner,
 * PractitionerRole and Organization resources that carry the mailbox metadata extension (its {@code type} gives the
 * kind). Other e-mail addresses (a structure's ordinary contact address) are not MSSanté mailboxes and are skipped.
 */
public final class FhirMailboxes {

    /** The extension describing an MSSanté mailbox on a ContactPoint. */
    static final String MAILBOX_METADATA = "as-ext-mailbox-mss-metadata";
    /** The identifier system of the professionals' national identifier (idNat_PS). */
    static final String ID_NAT_PS = "urn:oid:1.2.250.1.71.4.2.1";
    /** The profession code system (TRE_G15-ProfessionSante). */
    static final String PROFESSION = "TRE-G15-ProfessionSante";

    private FhirMailboxes() {
    }

    /**
     * One page of results.
     *
     * @param entries the mailboxes found on the page
     * @param next    the {@code next} link, when there is another page
     */
    public record Page(List<MailboxEntry> entries, Optional<String> next) {
    }

    /**
     * @param bundle a FHIR Bundle ({@code searchset})
     * @return the mailboxes on it and the next page's link
     * @throws IllegalArgumentException if it is not a Bundle
     */
    public static Page read(JsonNode bundle) {
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new IllegalArgumentException("not a FHIR Bundle");
        }
        Map<String, JsonNode> byReference = new HashMap<>();
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            if (r.isObject()) {
                resources.add(r);
                byReference.put(r.path("resourceType").asText() + "/" + r.path("id").asText(), r);
            }
        }
        List<MailboxEntry> out = new ArrayList<>();
        for (JsonNode r : resources) {
            switch (r.path("resourceType").asText()) {
                case "Practitioner" -> mailboxes(r, name(r), profession(r), Optional.empty(), nationalId(r), out);
                case "PractitionerRole" -> {
                    Optional<JsonNode> practitioner = resolve(r.path("practitioner"), byReference);
                    Optional<JsonNode> organization = resolve(r.path("organization"), byReference);
                    String owner = practitioner.map(FhirMailboxes::name)
                            .orElse(text(r.path("practitioner").path("display")).orElse(""));
                    Optional<String> profession = roleProfession(r).or(() -> practitioner.flatMap(FhirMailboxes::profession));
                    Optional<String> structure = organization.flatMap(o -> text(o.path("name")))
                            .or(() -> text(r.path("organization").path("display")));
                    mailboxes(r, owner, profession, structure, practitioner.flatMap(FhirMailboxes::nationalId), out);
                }
                case "Organization" -> {
                    Optional<String> name = text(r.path("name"));
                    Optional<String> id = Optional.empty();
                    for (JsonNode i : r.path("identifier")) {
                        id = text(i.path("value"));
                        if (id.isPresent()) {
                            break;
                        }
                    }
                    mailboxes(r, name.orElse(""), Optional.empty(), name, id, out);
                }
                default -> {
                    // other resources (OperationOutcome with warnings, HealthcareService): no mailbox
                }
            }
        }
        Optional<String> next = Optional.empty();
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                next = text(link.path("url"));
            }
        }
        return new Page(out, next);
    }

    private static void mailboxes(JsonNode resource, String owner, Optional<String> profession,
                                  Optional<String> structure, Optional<String> nationalId, List<MailboxEntry> out) {
        for (JsonNode t : resource.path("telecom")) {
            if (!"email".equals(t.path("system").asText())) {
                continue;
            }
            Optional<String> address = text(t.path("value")).map(String::strip);
            for (JsonNode ext : t.path("extension")) {
                if (!ext.path("url").asText().endsWith(MAILBOX_METADATA)) {
                    continue;
                }
                Optional<MailboxKind> kind = Optional.empty();
                Optional<String> description = Optional.empty();
                for (JsonNode sub : ext.path("extension")) {
                    switch (sub.path("url").asText()) {
                        case "type" -> kind = MailboxKind.fromCode(code(sub).orElse(null));
                        case "description" -> description = text(sub.path("valueString"));
                        default -> {
                            // digitization, responsible, phone: not used
                        }
                    }
                }
                if (address.isPresent() && kind.isPresent()) {
                    out.add(new MailboxEntry(address.get(), kind.get(), owner, profession, structure, nationalId,
                            description));
                }
            }
        }
    }

    private static Optional<String> code(JsonNode typed) {
        JsonNode cc = typed.path("valueCodeableConcept").path("coding");
        if (cc.isArray() && cc.size() > 0) {
            return text(cc.get(0).path("code"));
        }
        return text(typed.path("valueCoding").path("code")).or(() -> text(typed.path("valueCode")));
    }

    private static Optional<JsonNode> resolve(JsonNode reference, Map<String, JsonNode> byReference) {
        return text(reference.path("reference")).map(byReference::get);
    }

    private static String name(JsonNode r) {
        JsonNode n = r.path("name");
        if (n.isTextual()) {
            return n.asText();
        }
        if (!n.isArray() || n.size() == 0) {
            return "";
        }
        JsonNode first = n.get(0);
        if (first.hasNonNull("text")) {
            return first.get("text").asText();
        }
        StringBuilder s = new StringBuilder();
        for (JsonNode g : first.path("given")) {
            s.append(g.asText()).append(' ');
        }
        s.append(first.path("family").asText(""));
        return s.toString().strip();
    }

    private static Optional<String> profession(JsonNode practitioner) {
        for (JsonNode q : practitioner.path("qualification")) {
            for (JsonNode c : q.path("code").path("coding")) {
                if (c.path("system").asText().contains(PROFESSION)) {
                    return text(c.path("display")).or(() -> text(c.path("code")));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> roleProfession(JsonNode role) {
        for (JsonNode code : role.path("code")) {
            for (JsonNode c : code.path("coding")) {
                if (c.path("system").asText().contains(PROFESSION)) {
                    return text(c.path("display")).or(() -> text(c.path("code")));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nationalId(JsonNode practitioner) {
        for (JsonNode i : practitioner.path("identifier")) {
            if (ID_NAT_PS.equals(i.path("system").asText())) {
                return text(i.path("value"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.asText().isBlank() ? Optional.empty()
                : Optional.of(n.asText());
    }
}
