/**
 * Pro Santé Connect (PSC), the national OpenID Connect identity provider of health professionals (e-CPS and CPS
 * card logins). Services that need a bearer token (MSSanté XOAUTH2) take an
 * {@link io.segursdk.core.auth.psc.AccessTokenSupplier}.
 */
package io.segursdk.core.auth.psc;
