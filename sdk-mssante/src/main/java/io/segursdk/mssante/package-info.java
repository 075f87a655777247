/**
 * MSSanté secure messaging for practice software: send to professionals and to patients (Mon espace santé), close a
 * conversation, read a mailbox over IMAP, delivery and read notifications, IHE XDM packages.
 *
 * <p>Start with {@link io.segursdk.mssante.MssanteClient#builder()}; see {@code docs/mssante.md}.
 */
package io.segursdk.mssante;
