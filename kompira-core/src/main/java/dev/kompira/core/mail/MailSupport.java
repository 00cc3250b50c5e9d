package dev.kompira.core.mail;

import dev.kompira.core.value.DictionaryValue;
import java.util.concurrent.CompletableFuture;

/**
 * Builds, sends and parses Internet mail for the engine (builtins.md §5.3, D116, D131, and
 * objects.md §4.21). The {@code kompira-mail} module provides one; others may be set on the engine
 * builder. The engine closes the one it uses.
 *
 * <p>Implementations must be thread-safe. {@link #send} and {@link #check} talk to the server on a
 * thread of their own and never on the caller's: the engine's carrier threads must not block.
 */
public interface MailSupport extends AutoCloseable {

    /**
     * Builds the message of {@code draft} and returns its text with LF line ends ({@code as_string}).
     *
     * @throws MailException when the draft is not a valid mail (an invalid address, no recipient, ...)
     */
    String render(MailDraft draft);

    /**
     * Builds the message of {@code draft} and submits it to {@code server}. The future completes when the
     * server has accepted the mail, or fails with a {@link MailException} saying what the server answered
     * or why it could not be reached; cancelling it abandons the conversation.
     *
     * @throws MailException when the draft is not a valid mail; nothing was sent then
     */
    CompletableFuture<Void> send(MailDraft draft, SmtpSettings server);

    /**
     * Connects to {@code server}, says hello, starts TLS when asked, logs in when it has a user name and a
     * password, and disconnects ({@code conn_check()}, objects.md §4.21). The future fails with a
     * {@link MailException} saying what went wrong.
     */
    CompletableFuture<Void> check(SmtpSettings server);

    /**
     * Parses an Internet message into the Dictionary of D131.
     *
     * @throws MailException when the bytes are not a mail message
     */
    DictionaryValue parse(byte[] message);

    /** Stops the threads the implementation started. */
    @Override
    void close();
}
