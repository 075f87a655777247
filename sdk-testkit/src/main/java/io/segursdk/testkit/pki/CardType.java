package io.segursdk.testkit.pki;

/**
 * Family of the smart card (or e-card) a personal certificate of the test PKI stands for.
 *
 * <p>The card type does not change the certificate's structure; it is carried by {@link CpsProfile} so that
 * simulators and tests can tell which kind of holder they are dealing with (a health professional, a student,
 * a staff member of a structure).
 */
public enum CardType {
    /** Carte de Professionnel de Santé: a health professional registered in the RPPS (or ADELI). */
    CPS,
    /** Carte de Professionnel de santé en Formation: a student. */
    CPF,
    /** Carte de Personnel d'Établissement: a non-professional staff member of a structure. */
    CPE,
    /** Carte de Personnel Autorisé: an authorised staff member. */
    CPA
}
