package dev.kompira.core.value;

import java.util.Set;

/** The methods of Binaries (language.md §4.5): {@code decode(encoding='utf-8')} and {@code hex()}. */
final class BinaryMethods {

    /** The method names; any other name is {@code R-ATTRIBUTE}. */
    static final Set<String> NAMES = Set.of("decode", "hex");

    private static final Signature DECODE = Signature.parse("decode(encoding='utf-8')");
    private static final Signature HEX = Signature.parse("hex()");
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private BinaryMethods() {
    }

    /** Calls method {@code name} (one of {@link #NAMES}) on {@code receiver}. */
    static Value call(BinaryValue receiver, String name, Arguments arguments) {
        if (name.equals("decode")) {
            String encoding = StringMethods.string(DECODE.bind(arguments).get("encoding"));
            return StringValue.of(Encodings.decode(receiver.bytes(), encoding));
        }
        HEX.bind(arguments);
        return StringValue.of(hex(receiver));
    }

    /** Returns two lower-case hex digits per byte, without separators. */
    static String hex(BinaryValue binary) {
        StringBuilder out = new StringBuilder(binary.length() * 2);
        for (int i = 0; i < binary.length(); i++) {
            int b = binary.unsignedAt(i);
            out.append(HEX_DIGITS[b >> 4]).append(HEX_DIGITS[b & 0xf]);
        }
        return out.toString();
    }
}
