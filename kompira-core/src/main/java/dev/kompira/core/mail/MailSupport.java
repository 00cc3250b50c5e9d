package dev.kompira.core.mail;

import dev.kompira.core.value.DictionaryValue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
     * Connects to the mailbox of {@code server}, logs in and opens the mailbox, then disconnects
     * ({@code conn_check()} of a MailChannel, objects.md §4.20). The future fails with a
     * {@link MailException} saying what went wrong. Implementations without mailboxes need not override it.
     */
    default CompletableFuture<Void> check(MailboxSettings server) {
        return CompletableFuture.failedFuture(new MailException("this mail support cannot read mailboxes"));
    }

    /**
     * Reads the mail waiting in the mailbox of {@code server}: gives the raw bytes of each mail to
     * {@code deliver}, on a thread of the implementation, and only then deletes the mail or marks it
     * seen as the settings say, so that a mail is never lost (a connection lost before that gives it
     * again at the next poll). A mail that cannot be read is left on the server with a warning logged,
     * and the others are read all the same. The future completes with the number of mails delivered,
     * or fails with a {@link MailException} when the mailbox cannot be read at all.
     * Implementations without mailboxes need not override it.
     */
    default CompletableFuture<Integer> fetch(MailboxSettings server, Consumer<byte[]> deliver) {
        return CompletableFuture.failedFuture(new MailException("this mail support cannot read mailboxes"));
    }

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
