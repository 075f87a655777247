package io.segursdk.testkit.psc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A health professional known to a {@link PscSimulator}: the identity that logs in, whose claims go into the tokens
 * and into userinfo. Add your own with {@link PscSimulator#addProfessional(TestProfessional)}.
 *
 * @param nationalId   the national identifier ({@code 8} + RPPS number, e.g. {@code 810001234567}), used as
 *                     {@code login_hint} in CIBA and returned as {@code SubjectNameID} / {@code preferred_username}
 * @param familyName   the family name ({@code family_name})
 * @param givenName    the given name ({@code given_name})
 * @param civilite     {@code codeCivilite} ({@code M}, {@code MME}), or {@code null}
 * @param email        the professional's MSSanté mailbox, returned as {@code email} by userinfo and introspection,
 *                     or {@code null}
 * @param exercices    the professions practised, each with its activities
 */
public record TestProfessional(String nationalId, String familyName, String givenName, String civilite, String email,
                               List<TestExercice> exercices) {

    /**
     * Copies the exercices and checks the mandatory fields.
     *
     * @throws NullPointerException     when the national id, a name or the exercice list is missing
     * @throws IllegalArgumentException when the national id is not made of digits and capital letters
     */
    public TestProfessional {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        if (!nationalId.matches("[0-9A-Z]{6,30}")) {
            throw new IllegalArgumentException("a national id is 6 to 30 digits or capital letters");
        }
        exercices = List.copyOf(exercices);
    }

    /**
     * A general practitioner in liberal practice (profession 10, savoir-faire SM54) with one office.
     *
     * @param rpps       the 11-digit RPPS number; the national id is {@code "8" + rpps}
     * @param familyName the family name
     * @param givenName  the given name
     * @return the professional, with an email {@code <given>.<family>@medecin.mssante.test}
     */
    public static TestProfessional physician(String rpps, String familyName, String givenName) {
        TestExercice exercice = new TestExercice("10", "C", "S", "SM54", familyName, givenName,
                List.of(TestActivity.liberalOffice("R10100000" + rpps.substring(Math.max(0, rpps.length() - 6)),
                        "CABINET DR " + familyName)));
        return new TestProfessional("8" + rpps, familyName, givenName, "M",
                (givenName + "." + familyName).toLowerCase(java.util.Locale.ROOT) + "@medecin.mssante.test",
                List.of(exercice));
    }

    /**
     * A pharmacist (profession 21) salaried in a hospital.
     *
     * @param rpps       the 11-digit RPPS number
     * @param familyName the family name
     * @param givenName  the given name
     * @return the professional
     */
    public static TestProfessional hospitalPharmacist(String rpps, String familyName, String givenName) {
        TestExercice exercice = new TestExercice("21", "C", null, null, familyName, givenName,
                List.of(TestActivity.hospital("690000123", "CHU TEST LYON")));
        return new TestProfessional("8" + rpps, familyName, givenName, "MME", null, List.of(exercice));
    }

    /** @return the email, when set */
    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    /**
     * @param newEmail the mailbox address, or {@code null}
     * @return a copy with this email
     */
    public TestProfessional withEmail(String newEmail) {
        return new TestProfessional(nationalId, familyName, givenName, civilite, newEmail, exercices);
    }
}
