package dev.kompira.mail;

import dev.kompira.core.mail.MailDraft;
import dev.kompira.core.mail.MailException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses of a mail (D116): those the flow gave, each checked against RFC 5322, and those
 * taken from the parents it answers, each address once. Immutable.
 *
 * @param from    the sender
 * @param to      the recipients
 * @param cc      the copy recipients
 * @param bcc     the blind-copy recipients
 * @param replyTo the {@code Reply-To} addresses
 */
record Recipients(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc,
        List<InternetAddress> replyTo) {

    /** Checks and completes the addresses of {@code draft}. */
    static Recipients of(MailDraft draft) {
        InternetAddress from = strict("from", draft.from());
        Set<String> seen = new LinkedHashSet<>();
        List<InternetAddress> to = new ArrayList<>();
        List<InternetAddress> cc = new ArrayList<>();
        for (String a : draft.to()) {
            add(to, strict("to", a), seen);
        }
        for (String a : draft.cc()) {
            add(cc, strict("cc", a), seen);
        }
        List<InternetAddress> bcc = new ArrayList<>();
        for (String a : draft.bcc()) {
            bcc.add(strict("bcc", a));
        }
        List<InternetAddress> replyTo = new ArrayList<>();
        for (String a : draft.replyTo()) {
            replyTo.add(strict("reply_to", a));
        }
        for (MailDraft.Parent parent : draft.parents()) {
            String answerTo = parent.replyTo() != null && !parent.replyTo().isBlank() ? parent.replyTo() : parent.from();
            lenient(answerTo).forEach(a -> add(to, a, seen));
            if (draft.replyToAll()) {
                // the sender's own address is never among those a reply to all adds
                seen.add(key(from));
                lenient(parent.to()).forEach(a -> add(to, a, seen));
                lenient(parent.cc()).forEach(a -> add(cc, a, seen));
            }
        }
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new MailException("no recipient");
        }
        return new Recipients(from, List.copyOf(to), List.copyOf(cc), List.copyOf(bcc), List.copyOf(replyTo));
    }

    /** Every address the server is asked to deliver to. */
    InternetAddress[] envelope() {
        List<InternetAddress> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all.toArray(InternetAddress[]::new);
    }

    private static void add(List<InternetAddress> list, InternetAddress address, Set<String> seen) {
        if (seen.add(key(address))) {
            list.add(address);
        }
    }

    private static String key(InternetAddress a) {
        return a.getAddress().toLowerCase(Locale.ROOT);
    }

    /** One address as a flow wrote it, checked strictly (RFC 5322). */
    private static InternetAddress strict(String option, String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            if (address.isGroup() || !address.getAddress().contains("@")) {
                throw new AddressException("not a mailbox address", text);
            }
            return address;
        } catch (AddressException e) {
            throw new MailException("invalid address in " + option + ": '" + text + "' (" + reason(e) + ")");
        }
    }

    /** The addresses of a header field of a received mail, read as mail readers do; unreadable ones are left out. */
    private static List<InternetAddress> lenient(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        try {
            List<InternetAddress> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(field, false)) {
                if (a.getAddress() != null && a.getAddress().contains("@")) {
                    out.add(a);
                }
            }
            return out;
        } catch (AddressException unreadable) {
            return List.of();
        }
    }

    private static String reason(AddressException e) {
        String message = e.getMessage();
        int detail = message.indexOf(" in string ");
        return detail < 0 ? message : message.substring(0, detail);
    }
}
