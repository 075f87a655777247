package io.segursdk.dmp.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** OID generation for identifiers the SDK makes itself. */
final class Oids {

    private Oids() {
    }

    /** @return a fresh OID of the {@code 2.25} arc (ITU-T X.667: an OID made from a random UUID) */
    static String newOid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
