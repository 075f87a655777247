package io.segursdk.dmp;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifier checks and generation shared by the metadata types. */
final class Ids {

    private static final Pattern OID = Pattern.compile("[0-2](?:\\.(?:0|[1-9][0-9]*))+");
    private static final Pattern URN_UUID =
            Pattern.compile("urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static boolean isOid(String s) {
        return s != null && s.length() <= 64 && OID.matcher(s).matches();
    }

    /**
     * @return whether the text is a document uniqueId: an OID of at most 64 characters, or the CDA form
     *         {@code root^extension} with an extension of at most 16 characters (IHE XDS)
     */
    static boolean isDocumentUniqueId(String s) {
        if (s == null) {
            return false;
        }
        int caret = s.indexOf('^');
        if (caret < 0) {
            return isOid(s);
        }
        String ext = s.substring(caret + 1);
        return isOid(s.substring(0, caret)) && ext.matches("[0-9A-Za-z._-]{1,16}");
    }

    static boolean isUrnUuid(String s) {
        return s != null && URN_UUID.matcher(s).matches();
    }

    /** @return a fresh OID of the {@code 2.25} arc (ITU-T X.667: an OID made from a random UUID) */
    static String newOid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** @return whether the text can go into an HL7 v2 component without escaping */
    static boolean isHl7Safe(String s) {
        return s != null && !s.isBlank() && s.chars().noneMatch(c -> c == '^' || c == '&' || c == '~' || c == '\\'
                || c == '|' || c < 0x20);
    }
}
