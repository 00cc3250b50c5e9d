/**
 * Mail for Kompira for Java on Jakarta Mail (Eclipse Angus Mail): {@code mailto} with SMTP, STARTTLS,
 * SMTPS and login, {@code mail_parse}, and the {@code conn_check()} of SmtpServer objects
 * (builtins.md §5.3, objects.md §4.21). {@link dev.kompira.mail.AngusMail} implements the engine's
 * {@link dev.kompira.core.mail.MailSupport}; with this module on the class path the engine finds it
 * through {@link java.util.ServiceLoader}. Thread-safe.
 */
package dev.kompira.mail;
