package io.segursdk.ins.internal.insi;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.TransportException;
import io.segursdk.ins.HistoricalIns;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsiIdentity;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.KeyCheck;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Element;

/**
 * Reads INSi's {@code RESULTAT} leniently, as the service and the CNDA's test files require: any prefixes, child
 * elements matched by local name whatever their namespace, children out of schema order, a single {@code INSHISTO}
 * read as a list, a {@code TIQ} without {@code Prenom} (the first birth first name is the first word of
 * {@code ListePrenom}), an absent birth place, and INS keys taken as sent (a few CNDA test identities carry keys that
 * do not satisfy the modulo 97 check; {@link Ins#hasValidKey()} tells).
 */
public final class InsiResponseParser {

    /**
     * What one response said.
     *
     * @param outcome  the CodeCR
     * @param identity the identity, when found
     */
    public record Parsed(InsiOutcome outcome, InsiIdentity identity) {
    }

    private InsiResponseParser() {
    }

    /**
     * @param resultat  the body's payload
     * @param messageId the request's message id, for errors
     * @return what it says
     * @throws TransportException when the payload is not a readable RESULTAT
     */
    public static Parsed parse(Element resultat, String messageId) {
        if (!"RESULTAT".equals(Xml.localNameOf(resultat))) {
            throw unreadable("the body holds " + Xml.localNameOf(resultat) + " instead of RESULTAT", messageId, null);
        }
        String code = Xml.first(resultat, "CR").flatMap(cr -> Xml.textOf(cr, "CodeCR"))
                .orElseThrow(() -> unreadable("RESULTAT has no CR/CodeCR", messageId, null));
        InsiOutcome outcome = InsiOutcome.fromCode(code)
                .orElseThrow(() -> unreadable("unknown CodeCR " + code, messageId, null));
        if (outcome != InsiOutcome.FOUND) {
            return new Parsed(outcome, null);
        }
        Element individu = Xml.first(resultat, "INDIVIDU")
                .orElseThrow(() -> unreadable("CodeCR 00 without INDIVIDU", messageId, null));
        try {
            Ins active = ins(Xml.first(individu, "INSACTIF")
                    .orElseThrow(() -> unreadable("INDIVIDU without INSACTIF", messageId, null)));
            List<HistoricalIns> history = new ArrayList<>();
            for (Element h : Xml.children(individu, "INSHISTO")) {
                history.add(new HistoricalIns(ins(h), date(h, "DateDeb"), date(h, "DateFin")));
            }
            Element tiq = Xml.first(individu, "TIQ")
                    .orElseThrow(() -> unreadable("INDIVIDU without TIQ", messageId, null));
            return new Parsed(outcome, new InsiIdentity(active, history, traits(tiq)));
        } catch (InvalidRequestException e) {
            throw unreadable("the identity returned does not satisfy the INS rules: " + fieldsOf(e), messageId, e);
        }
    }

    private static Ins ins(Element element) {
        Element id = Xml.first(element, "IdIndividu").orElse(element);
        String number = Xml.textOf(id, "NumIdentifiant").orElse("").toUpperCase(Locale.ROOT);
        String key = Xml.textOf(id, "Cle").orElseGet(() -> number.length() == 13 ? Ins.computeKey(number) : "");
        String oid = Xml.textOf(element, "OID").orElse(null);
        return Ins.of(number + key, oid, KeyCheck.LENIENT);
    }

    private static IdentityTraits traits(Element tiq) {
        IdentityTraits.Builder b = IdentityTraits.builder()
                .birthName(Xml.textOf(tiq, "NomNaissance").orElse(null))
                .sex(Xml.textOf(tiq, "Sexe").orElse(null))
                .birthDate(Xml.textOf(tiq, "DateNaissance").orElse(null))
                .birthPlace(Xml.textOf(tiq, "LieuNaissance").orElse(null));
        String list = Xml.textOf(tiq, "ListePrenom").orElse(null);
        if (list != null) {
            b.birthFirstNamesList(list);
        } else {
            b.birthFirstNamesList(Xml.textOf(tiq, "Prenom").orElse(null));
        }
        return b.build();
    }

    private static LocalDate date(Element parent, String name) {
        try {
            return Xml.textOf(parent, name).map(s -> LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s))
                    .orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String fieldsOf(InvalidRequestException e) {
        List<String> fields = new ArrayList<>();
        e.violations().forEach(v -> fields.add(v.field() + " " + v.rule()));
        return String.join("; ", fields);
    }

    private static TransportException unreadable(String why, String messageId, Throwable cause) {
        return new TransportException("INSi sent a response the SDK cannot read: " + why, "INSi", messageId, 0, false,
                cause);
    }
}
