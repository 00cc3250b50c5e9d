package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.mail.MailDraft;
import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.MailSupport;
import dev.kompira.core.mail.SmtpSettings;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Templates;
import dev.kompira.core.value.Value;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code mailto} (builtins.md §5.3, D116, D117), {@code mail_parse} (D131) and the {@code conn_check()}
 * of SmtpServer and MailChannel objects (objects.md §4.21, §4.20): the jobflow arguments become a {@link MailDraft} and an
 * {@link SmtpSettings}, and the engine's {@link MailSupport} does the rest. While the server is being
 * talked to the process is parked and holds no carrier thread.
 */
final class MailJobs {

    private static final Signature MAILTO = Signature.parse("mailto(to, from=null, subject='', body=null, cc=null, bcc=null,"
            + " reply_to=null, html_content=null, attach_files=null, parents=null, headers=null, charset='utf-8',"
            + " reply_to_all=false, inline_content=false, placeholder=null, as_string=false, smtp_server=null)");
    private static final Signature MAIL_PARSE = Signature.parse("mail_parse(data)");
    private static final Signature CONN_CHECK = Signature.parse("conn_check()");
    /** The position of {@code smtp_server} among the parameters of {@code mailto}. */
    private static final int SMTP_SERVER_POSITION = 16;
    private static final String SYSTEM_CONFIG = "/system/config";
    /** The sender when neither the process's user nor the configuration has an address (D116). */
    static final String LAST_RESORT_SENDER = "webmaster@localhost";

    private MailJobs() {
    }

    /** Performs {@code mailto(...)} as the job of {@code inv}; a failure is a failed job, {@code mailto: <detail>}. */
    static void mailto(Machine m, Invocation inv, Arguments args) {
        Signature.Bound b = MAILTO.bind(args);
        MailSupport mail = support(m, "mailto");
        MailDraft draft;
        try {
            draft = draft(m, b);
            if (b.get("as_string").truthy()) {
                inv.setOutcome(StringValue.of(mail.render(draft)), IntegerValue.ZERO, StringValue.EMPTY);
                return;
            }
            SmtpSettings server = server(m, args, b.get("smtp_server"));
            park(m, inv, "mailto", mail.send(draft, server), StringValue.EMPTY);
        } catch (MailException e) {
            throw failure("mailto", e.getMessage());
        }
    }

    /** Performs {@code server.conn_check()} as the job of {@code inv}: {@code $STATUS} 0, or 1 with the reason. */
    static void connCheck(Machine m, Invocation inv, ObjectValue server, Arguments args) {
        CONN_CHECK.bind(args);
        try {
            park(m, inv, "conn_check", check(m, server), NullValue.NULL);
        } catch (JobflowError e) {
            inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(e.getMessage()));
        }
    }

    /** Performs {@code server.conn_check()} inside an expression, waiting as a managed blocker. */
    static Value connCheckInExpression(Machine m, ObjectValue server, Arguments args) {
        CONN_CHECK.bind(args);
        CompletableFuture<Void> checking;
        try {
            checking = check(m, server);
        } catch (JobflowError e) {
            throw new JobFailure(e.getMessage());
        }
        m.awaitBlocking(checking);
        String error = error("conn_check", checking);
        if (error != null) {
            throw new JobFailure(error);
        }
        return NullValue.NULL;
    }

    private static CompletableFuture<Void> check(Machine m, ObjectValue server) {
        MailSupport mail = support(m, "conn_check");
        try {
            return server.isMailChannel() ? mail.check(MailChannelPoller.settings(server)) : mail.check(settings(server));
        } catch (MailException e) {
            throw failure("conn_check", e.getMessage());
        }
    }

    /** {@code mail_parse(data)}: the Dictionary of D131. */
    static Value parse(EngineServices services, Arguments args) {
        Value data = MAIL_PARSE.bind(args).get("data");
        byte[] bytes;
        if (data instanceof StringValue text) {
            bytes = text.value().getBytes(StandardCharsets.UTF_8);
        } else if (data instanceof BinaryValue binary) {
            bytes = binary.bytes();
        } else {
            throw failure("mail_parse", "data must be a String or a Binary, got " + data.typeName());
        }
        if (services.mail() == null) {
            throw failure("mail_parse", noSupport());
        }
        try {
            return services.mail().parse(bytes);
        } catch (MailException e) {
            throw failure("mail_parse", e.getMessage());
        }
    }

    /** Parks the process until {@code work} is done, then sets {@code $RESULT} to {@code result} or fails the job. */
    private static void park(Machine m, Invocation inv, String name, CompletableFuture<Void> work, Value result) {
        m.parkUntilWoken(() -> work.cancel(true));
        work.whenComplete((done, failure) -> m.wakeWith(() -> {
            String error = error(name, work);
            if (error == null) {
                inv.setOutcome(result, IntegerValue.ZERO, StringValue.EMPTY);
            } else {
                inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(error));
            }
        }));
    }

    /** The {@code $ERROR} of finished {@code work}, or Java null when it succeeded. */
    private static String error(String name, CompletableFuture<Void> work) {
        try {
            work.get();
            return null;
        } catch (CancellationException cancelled) {
            return name + ": cancelled";
        } catch (ExecutionException | CompletionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            return name + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return name + ": interrupted";
        }
    }

    private static MailSupport support(Machine m, String name) {
        MailSupport mail = m.services().mail();
        if (mail == null) {
            throw failure(name, noSupport());
        }
        return mail;
    }

    private static String noSupport() {
        return "this engine has no mail support (put the kompira-mail module on the class path)";
    }

    private static JobflowError failure(String name, String detail) {
        return new JobflowError(ErrorCode.R_CALL_FAILED, name + ": " + detail);
    }

    /** The mail the arguments describe, placeholders filled in (D117) and the sender chosen (D116). */
    private static MailDraft draft(Machine m, Signature.Bound b) {
        DictionaryValue placeholder = optional(b, "placeholder", DictionaryValue.class, "a Dictionary");
        String body = fill(optionalText(b, "body"), placeholder);
        String html = fill(optionalText(b, "html_content"), placeholder);
        if (body == null && html == null) {
            throw new MailException("body and html_content are both null");
        }
        String subject = fill(Rendering.text(b.get("subject")), placeholder);
        return new MailDraft(sender(m, b.get("from")), addresses(b, "to"), addresses(b, "cc"), addresses(b, "bcc"),
                addresses(b, "reply_to"), subject, body, html, attachments(b.get("attach_files")), parents(b.get("parents")),
                headers(b), charset(b.get("charset")), b.get("reply_to_all").truthy(), b.get("inline_content").truthy(),
                m.clock().instant(), userAgent());
    }

    /** The {@code User-Agent} of every mail the engine sends (D116). */
    static String userAgent() {
        return "Kompira ver " + EngineVersion.text();
    }

    private static String fill(String text, DictionaryValue placeholder) {
        if (text == null || placeholder == null) {
            return text;
        }
        return Templates.expand(text, placeholder::get);
    }

    private static String optionalText(Signature.Bound b, String name) {
        Value v = b.get(name);
        return v == NullValue.NULL ? null : Rendering.text(v);
    }

    private static <T extends Value> T optional(Signature.Bound b, String name, Class<T> type, String what) {
        Value v = b.get(name);
        if (v == NullValue.NULL) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new MailException(name + " must be " + what + ", got " + v.typeName());
        }
        return type.cast(v);
    }

    /** The addresses of a String or an Array of Strings, empty ones dropped. */
    private static List<String> addresses(Signature.Bound b, String name) {
        Value v = b.get(name);
        List<Value> items = v == NullValue.NULL ? List.of() : v instanceof ArrayValue a ? a.items() : List.of(v);
        List<String> out = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof StringValue text)) {
                throw new MailException(name + " must be a String or an Array of Strings, got " + item.typeName());
            }
            if (!text.value().isBlank()) {
                out.add(text.value().strip());
            }
        }
        return out;
    }

    /**
     * The sender (D116): {@code from}, else the address of the process's user, else the administrator
     * address of {@code /system/config}, else {@code webmaster@localhost}. Processes run without a user
     * of their own in this engine (objects.md §5.7), so the second step never applies yet.
     */
    private static String sender(Machine m, Value from) {
        if (from != NullValue.NULL) {
            return Rendering.text(from);
        }
        String admin = adminAddress(m.services());
        return admin != null ? admin : LAST_RESORT_SENDER;
    }

    /** The administrator address of {@code /system/config}, or Java null when it is not set. */
    static String adminAddress(EngineServices services) {
        Value admin = systemSetting(services, "adminEmail");
        return admin instanceof StringValue text && !text.value().isBlank() ? text.value().strip() : null;
    }

    /** A key of {@code /system/config}'s data, or null when there is no such object or key. */
    static Value systemSetting(EngineServices services, String key) {
        return services.tree().get(SYSTEM_CONFIG)
                .map(o -> new ObjectValue(services.tree(), o.id(), o.path()).attribute("data"))
                .filter(DictionaryValue.class::isInstance)
                .map(d -> ((DictionaryValue) d).get(key))
                .orElse(NullValue.NULL);
    }

    private static List<MailDraft.Attachment> attachments(Value files) {
        List<Value> items = files == NullValue.NULL ? List.of() : files instanceof ArrayValue a ? a.items() : List.of(files);
        List<MailDraft.Attachment> out = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof FileValue file)) {
                throw new MailException("an attachment is not a File: " + item.typeName());
            }
            out.add(new MailDraft.Attachment(file.name(), file.data().bytes()));
        }
        return out;
    }

    /** The parents (D116): Dictionaries made by {@code mail_parse}, their header names in any case. */
    private static List<MailDraft.Parent> parents(Value parents) {
        List<Value> items = parents == NullValue.NULL ? List.of()
                : parents instanceof ArrayValue a ? a.items() : List.of(parents);
        List<MailDraft.Parent> out = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof DictionaryValue d)) {
                throw new MailException("parents must be a Dictionary made by mail_parse or an Array of them, got "
                        + item.typeName());
            }
            out.add(new MailDraft.Parent(header(d, "message-id"), header(d, "references"), header(d, "reply-to"),
                    header(d, "from"), header(d, "to"), header(d, "cc")));
        }
        return out;
    }

    private static String header(DictionaryValue parsed, String lowerCaseName) {
        for (Map.Entry<Value, Value> e : parsed.entries()) {
            if (Rendering.text(e.getKey()).toLowerCase(Locale.ROOT).equals(lowerCaseName) && e.getValue() != NullValue.NULL) {
                return Rendering.text(e.getValue());
            }
        }
        return null;
    }

    private static List<MailDraft.Header> headers(Signature.Bound b) {
        DictionaryValue given = optional(b, "headers", DictionaryValue.class, "a Dictionary");
        List<MailDraft.Header> out = new ArrayList<>();
        if (given != null) {
            for (Map.Entry<Value, Value> e : given.entries()) {
                out.add(new MailDraft.Header(Rendering.text(e.getKey()), Rendering.text(e.getValue())));
            }
        }
        return out;
    }

    private static Charset charset(Value name) {
        if (!(name instanceof StringValue text)) {
            throw new MailException("charset must be a String, got " + name.typeName());
        }
        try {
            return Encodings.lookup(text.value()).charset();
        } catch (JobflowError unknown) {
            throw new MailException(unknown.getMessage());
        }
    }

    /**
     * The server {@code mailto} uses: the {@code smtp_server} argument when given ({@code null} means
     * {@code localhost:25}), else {@code /system/config}'s {@code smtpServer}, which reads as null when
     * {@code /system/smtp_servers/Default} does not exist (objects.md §4.29).
     */
    private static SmtpSettings server(Machine m, Arguments args, Value argument) {
        boolean given = args.keywords().containsKey("smtp_server") || args.positional().size() > SMTP_SERVER_POSITION;
        return given ? server(argument) : engineServer(m.services());
    }

    /** The engine's server: {@code /system/config}'s {@code smtpServer} (objects.md §4.29). */
    static SmtpSettings engineServer(EngineServices services) {
        return server(systemSetting(services, "smtpServer"));
    }

    private static SmtpSettings server(Value server) {
        if (server == NullValue.NULL) {
            return SmtpSettings.LOCALHOST;
        }
        if (!(server instanceof ObjectValue o) || !o.isSmtpServer()) {
            throw new MailException("smtp_server must be an SmtpServer object or null, got " + Rendering.text(server));
        }
        return settings(o);
    }

    /** The settings of an SmtpServer object with the defaults of objects.md §4.21. */
    private static SmtpSettings settings(ObjectValue server) {
        boolean ssl = server.attribute("use_ssl").truthy();
        boolean tls = server.attribute("use_tls").truthy();
        if (ssl && tls) {
            throw new MailException(server.text() + " sets both use_tls and use_ssl; choose one");
        }
        String host = text(server.attribute("hostname"));
        int port = server.attribute("port") instanceof IntegerValue p && p.longValue() > 0 ? (int) p.longValue()
                : ssl ? 465 : tls ? 587 : 25;
        Duration timeout = server.attribute("timeout") instanceof IntegerValue t && t.longValue() > 0
                ? Duration.ofSeconds(t.longValue()) : null;
        return new SmtpSettings(host == null ? "localhost" : host, port, text(server.attribute("username")),
                text(server.attribute("password")), timeout, tls, ssl);
    }

    static String text(Value v) {
        if (v == NullValue.NULL) {
            return null;
        }
        String s = Rendering.text(v).strip();
        return s.isEmpty() ? null : s;
    }
}
