package dev.kompira.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server on a loopback port for what GreenMail does not show: one that greets and then
 * answers every sender with {@code senderReply} (a refusal, or {@code 250} to accept mail, counting the
 * connections and mails it saw), or (with a null reply) one that accepts connections and never says a
 * word.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String refusal;
    private final java.util.concurrent.atomic.AtomicInteger mails = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Socket> connections = new ArrayList<>();
    private final Thread acceptor;

    private ScriptedSmtpServer(String refusal) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.refusal = refusal;
        this.acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that refuses each MAIL FROM with {@code reply}, for example {@code 550 5.7.1 relaying denied}. */
    static ScriptedSmtpServer refusing(String reply) throws IOException {
        return new ScriptedSmtpServer(reply);
    }

    /** A server that accepts every mail. */
    static ScriptedSmtpServer accepting() throws IOException {
        return new ScriptedSmtpServer("250 sender ok");
    }

    /** A server that accepts connections and never answers. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(null);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The connections made so far. */
    int connections() {
        synchronized (connections) {
            return connections.size();
        }
    }

    /** The mails accepted so far. */
    int mails() {
        return mails.get();
    }

    /** Drops every open connection, as a server does with idle clients. */
    void dropConnections() throws IOException {
        synchronized (connections) {
            for (Socket s : connections) {
                s.close();
            }
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                synchronized (connections) {
                    connections.add(s);
                }
                if (refusal != null) {
                    Thread t = new Thread(() -> converse(s), "scripted-smtp-session");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> reply(out, refusal);
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        while (!".".equals(in.readLine())) {
                            // the message, up to the line with the dot
                        }
                        mails.incrementAndGet();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the client hung up
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (connections) {
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
