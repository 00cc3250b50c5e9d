/**
 * The mail SPI: what {@code mailto}, {@code mail_parse} and the {@code conn_check()} of SmtpServer
 * objects need from a mail library (builtins.md §5.3, objects.md §4.21). Core has none of its own, to
 * stay light: the {@code kompira-mail} module provides one on Jakarta Mail, found with
 * {@link java.util.ServiceLoader} or set on {@link dev.kompira.core.Kompira.Builder}. Core turns the
 * jobflow arguments into a {@link dev.kompira.core.mail.MailDraft} and an
 * {@link dev.kompira.core.mail.SmtpSettings}; the implementation builds, sends and parses MIME. SPI.
 *
 * <p>Implementations must be thread-safe: many processes send and parse mail at once.
 */
package dev.kompira.core.mail;
