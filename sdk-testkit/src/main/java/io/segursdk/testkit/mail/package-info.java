/**
 * A real MSSanté-like mail operator for contract tests: Debian's Dovecot (IMAP with STARTTLS) and Postfix (SMTP
 * submission with STARTTLS required) started on free loopback ports with private configurations, authenticating
 * test users by password, Pro Santé Connect-like access tokens (SASL XOAUTH2 / OAUTHBEARER) or client certificates
 * from a {@link io.segursdk.testkit.pki.TestPki}, and applying the operator rules for patients' mailboxes.
 *
 * <p>Start with {@link io.segursdk.testkit.mail.MailOperator#builder(io.segursdk.testkit.pki.TestPki)}.
 */
package io.segursdk.testkit.mail;
