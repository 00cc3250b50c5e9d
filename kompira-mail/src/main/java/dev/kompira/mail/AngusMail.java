package dev.kompira.mail;

import dev.kompira.core.mail.MailDraft;
import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.MailSupport;
import dev.kompira.core.mail.MailboxSettings;
import dev.kompira.core.mail.SmtpSettings;
import dev.kompira.core.value.DictionaryValue;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine's mail on Jakarta Mail (Eclipse Angus Mail). Messages are built on the caller's thread
 * (it is quick and throws for an invalid draft); SMTP conversations and mailbox polls run on a bounded pool of I/O
 * threads of their own, so that a parked process holds no carrier thread. Found by
 * {@link java.util.ServiceLoader}. Thread-safe; {@link #close()} stops the I/O threads.
 */
public final class AngusMail implements MailSupport {

    /** How many SMTP conversations run at once; more wait for a thread. */
    private static final int IO_THREADS = 8;

    // both made on first use: a Session reads the mail providers of the class path, which a run that
    // sends no mail should not wait for at start-up
    private Session composing;
    private MailParser parser;
    private final Mailboxes mailboxes = new Mailboxes();
    private final ThreadPoolExecutor io;
    private SmtpSessions smtp;

    /** Creates the mail support; its I/O threads start when the first mail is sent. */
    public AngusMail() {
        io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
        io.allowCoreThreadTimeOut(true);
    }

    private synchronized Session composing() {
        if (composing == null) {
            composing = Session.getInstance(new Properties());
        }
        return composing;
    }

    private synchronized MailParser parser() {
        if (parser == null) {
            parser = new MailParser();
        }
        return parser;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kompira-mail-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String render(MailDraft draft) {
        MessageComposer.Composed mail = MessageComposer.compose(composing(), draft);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            mail.message().writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new MailException("cannot write the mail: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Override
    public CompletableFuture<Void> send(MailDraft draft, SmtpSettings server) {
        MessageComposer.Composed mail = MessageComposer.compose(composing(), draft);
        return onIoThread(() -> {
            smtp().send(server, mail.message(), mail.recipients().envelope());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> check(SmtpSettings server) {
        return onIoThread(() -> {
            smtp().check(server);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> check(MailboxSettings server) {
        return onIoThread(() -> {
            mailboxes.check(server);
            return null;
        });
    }

    @Override
    public CompletableFuture<Integer> fetch(MailboxSettings server, Consumer<byte[]> deliver) {
        return CompletableFuture.supplyAsync(() -> mailboxes.fetch(server, deliver), io);
    }

    @Override
    public DictionaryValue parse(byte[] message) {
        return parser().parse(message);
    }

    @Override
    public synchronized void close() {
        io.shutdownNow();
        if (smtp != null) {
            smtp.close();
        }
    }

    private CompletableFuture<Void> onIoThread(Supplier<Void> work) {
        return CompletableFuture.supplyAsync(work, io);
    }

    /** The SMTP client, made on an I/O thread the first time: it looks up this host's name. */
    private synchronized SmtpSessions smtp() {
        if (smtp == null) {
            smtp = new SmtpSessions(SmtpSessions.lookUpLocalHost());
        }
        return smtp;
    }
}
