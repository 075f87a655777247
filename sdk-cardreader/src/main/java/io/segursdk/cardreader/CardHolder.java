package io.segursdk.cardreader;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The professional a card (or any IGC-Santé personal certificate) belongs to, read from the certificate: national id,
 * surname, given name, profession, card type and environment.
 *
 * <p>Two subject layouts exist. The current one puts everything in one multi-valued RDN plus a title:
 * {@code CN=810001234567+SURNAME=DUPONT+GIVENNAME=MARIE,T=Médecin,C=FR}; older cards used
 * {@code CN=DUPONT MARIE,SERIALNUMBER=810001234567,OU=Médecin,…}. Staff cards (CPE) carry the structure's id and an
 * internal id in the common name ({@code CN=31234567890001/CPE0001}) or the structure id in the
 * organisational unit, and no title. The subject is parsed attribute by attribute,
 * never with a regular expression over the rendered name.
 *
 * <p>This is personal data of the professional (not of patients); it may be shown to them, but keep it out of logs
 * you do not need.
 *
 * @param nationalId  the national id (idNat_PS: 8 + RPPS, 0 + ADELI…; for staff: structure id / internal id)
 * @param surname     the surname, when the certificate has one
 * @param givenName   the given name, when the certificate has one
 * @param profession  the profession ({@code title}, or the organisational unit on older cards), when present
 * @param cardType    the card type
 * @param environment test or production, from the issuer
 */
public record CardHolder(String nationalId, Optional<String> surname, Optional<String> givenName,
                         Optional<String> profession, CardType cardType, CardEnvironment environment) {

    private static final Map<String, String> KEYWORDS = Map.of(
            "2.5.4.4", "SURNAME", "2.5.4.42", "GIVENNAME", "2.5.4.12", "TITLE", "2.5.4.5", "SERIALNUMBER");
    private static final Pattern NATIONAL_ID = Pattern.compile("[0-9A-Z]{6,20}");
    private static final Pattern STRUCTURE_ID = Pattern.compile("[0-9][0-9A-Z]{7,19}");
    private static final Pattern STAFF_ID = Pattern.compile("[0-9A-Z]{6,20}/[0-9A-Za-z]{1,40}");

    /**
     * Checks the fields.
     *
     * @param nationalId  national id
     * @param surname     surname
     * @param givenName   given name
     * @param profession  profession
     * @param cardType    card type
     * @param environment environment
     */
    public CardHolder {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(profession, "profession");
        Objects.requireNonNull(cardType, "cardType");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * Reads the holder from a personal certificate.
     *
     * @param certificate a CPS or CPE certificate (authentication or signature)
     * @return the holder
     * @throws IllegalArgumentException when the subject holds no usable identifier
     */
    public static CardHolder fromCertificate(X509Certificate certificate) {
        Map<String, String> subject = attributes(certificate.getSubjectX500Principal());
        String cn = subject.get("CN");
        String serial = subject.get("SERIALNUMBER");
        String ou = subject.get("OU");
        // A staff card names its structure by id in OU and has no title; older CPS put the profession in OU.
        boolean structureOu = ou != null && STRUCTURE_ID.matcher(ou).matches();
        boolean professional = subject.containsKey("TITLE") || (ou != null && !structureOu);
        String nationalId;
        CardType type;
        if (cn != null && (STAFF_ID.matcher(cn).matches()
                || (NATIONAL_ID.matcher(cn).matches() && structureOu && !subject.containsKey("TITLE")))) {
            nationalId = cn;
            type = CardType.CPE;
        } else if (cn != null && NATIONAL_ID.matcher(cn).matches()) {
            nationalId = cn;
            type = professional ? CardType.CPS : CardType.UNKNOWN;
        } else if (serial != null) {
            nationalId = serial;
            type = professional ? CardType.CPS : CardType.UNKNOWN;
        } else {
            throw new IllegalArgumentException("the certificate subject holds no national identifier");
        }
        Optional<String> surname = Optional.ofNullable(subject.get("SURNAME"));
        Optional<String> givenName = Optional.ofNullable(subject.get("GIVENNAME"));
        if (surname.isEmpty() && serial != null && cn != null && !cn.equals(nationalId)) {
            // Older layout: CN = "SURNAME GIVENNAME".
            int space = cn.indexOf(' ');
            surname = Optional.of(space > 0 ? cn.substring(0, space) : cn);
            givenName = space > 0 ? Optional.of(cn.substring(space + 1)) : Optional.empty();
        }
        Optional<String> profession = Optional.ofNullable(subject.get("TITLE"));
        if (profession.isEmpty() && type == CardType.CPS && !structureOu) {
            profession = Optional.ofNullable(ou);
        }
        return new CardHolder(nationalId, surname, givenName, profession, type,
                environment(certificate.getIssuerX500Principal()));
    }

    /**
     * Tells the environment from an issuer name.
     *
     * @param issuer the issuer
     * @return TEST when a CN or OU of the issuer contains the word TEST, PRODUCTION when it names IGC-SANTE, else
     *         UNKNOWN
     */
    public static CardEnvironment environment(X500Principal issuer) {
        boolean igcSante = false;
        for (Rdn rdn : rdns(issuer)) {
            String type = rdn.getType().toUpperCase(Locale.ROOT);
            String value = String.valueOf(rdn.getValue()).toUpperCase(Locale.ROOT);
            if (type.equals("CN") || type.equals("OU") || type.equals("O")) {
                if (Pattern.compile("\\bTEST\\b").matcher(value).find()) {
                    return CardEnvironment.TEST;
                }
                igcSante |= value.contains("IGC-SANTE") || value.contains("ASIP-SANTE");
            }
        }
        return igcSante ? CardEnvironment.PRODUCTION : CardEnvironment.UNKNOWN;
    }

    private static Map<String, String> attributes(X500Principal name) {
        Map<String, String> found = new HashMap<>();
        for (Rdn rdn : rdns(name)) {
            // A multi-valued RDN (CN+SURNAME+GIVENNAME) is split into its attributes.
            for (String part : rdn.toString().split("(?<!\\\\)\\+")) {
                try {
                    Rdn single = new Rdn(part);
                    found.putIfAbsent(single.getType().toUpperCase(Locale.ROOT), String.valueOf(single.getValue()));
                } catch (InvalidNameException e) {
                    throw new IllegalArgumentException("unreadable certificate subject attribute", e);
                }
            }
        }
        return found;
    }

    private static List<Rdn> rdns(X500Principal name) {
        try {
            return new LdapName(name.getName(X500Principal.RFC2253, new HashMap<>(KEYWORDS))).getRdns();
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unreadable certificate name", e);
        }
    }
}
