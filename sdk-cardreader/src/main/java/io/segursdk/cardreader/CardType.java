package io.segursdk.cardreader;

/**
 * The kind of card, as told by its certificate's subject.
 */
public enum CardType {
    /** Carte de Professionnel de Santé: a health professional, identified by a national id (8 + RPPS, 0 + ADELI…). */
    CPS,
    /**
     * Carte de Personnel d'Établissement (or of an authorised person, CPA): staff of a structure, identified by the
     * structure's id and an internal id ({@code 3xxxxxxxxx/INTERNAL}).
     */
    CPE,
    /** Neither pattern was recognised. */
    UNKNOWN
}
