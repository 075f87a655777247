package io.segursdk.ins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identity INSi returned with a {@link InsiOutcome#FOUND} answer: the active INS ({@code INSACTIF}), the former
 * ones ({@code INSHISTO}, possibly none) and the qualified identity traits ({@code TIQ}). The first birth first name
 * is the first word of {@code ListePrenom}: INSi no longer sends {@code Prenom}. The birth place may be absent.
 *
 * @param activeIns     the INS to record
 * @param historicalIns former INS, in the order received
 * @param traits        the qualified identity traits (the reference to copy into the local identity)
 */
public record InsiIdentity(Ins activeIns, List<HistoricalIns> historicalIns, IdentityTraits traits) {

    /** Checks the components and copies the list. */
    public InsiIdentity {
        Objects.requireNonNull(activeIns, "activeIns");
        historicalIns = historicalIns == null ? List.of() : List.copyOf(historicalIns);
        Objects.requireNonNull(traits, "traits");
    }

    /** @return the former INS alone, without their dates */
    public List<Ins> previousIns() {
        List<Ins> out = new ArrayList<>();
        for (HistoricalIns h : historicalIns) {
            out.add(h.ins());
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "InsiIdentity{" + activeIns + ", historicalIns=" + historicalIns.size() + ", traits masked}";
    }
}
