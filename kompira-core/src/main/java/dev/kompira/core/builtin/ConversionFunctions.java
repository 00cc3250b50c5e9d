package dev.kompira.core.builtin;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringMethods;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The conversion and inspection built-in functions of builtins.md §4: {@code int}, {@code float},
 * {@code string}, {@code bytes}, {@code type}, {@code decode}, {@code encode}, {@code length} and
 * {@code has_key} (D124, D125, D127, D128, D129). Failures carry the function's {@code name: }
 * prefix.
 */
final class ConversionFunctions {

    /** An optional sign and ASCII digits (D124: no underscores, no other scripts' digits). */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** A decimal number with optional fraction and exponent (D125). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** The special values, in any letter case (D125). */
    private static final Pattern SPECIAL = Pattern.compile("([+-]?)(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private ConversionFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
        add(catalogue, "int(x=0)", (b, c) -> toInteger(b, b.get("x")));
        add(catalogue, "float(x=0.0)", (b, c) -> toFloat(b, b.get("x")));
        add(catalogue, "string(obj)", (b, c) -> StringValue.of(Rendering.text(b.get("obj"))));
        add(catalogue, "bytes(b=null, encoding='utf-8')", (b, c) -> toBytes(b));
        add(catalogue, "type(obj)", (b, c) -> StringValue.of(b.get("obj").typeName()));
        add(catalogue, "decode(data, encoding='utf-8')", (b, c) -> decode(b));
        add(catalogue, "encode(message, encoding='utf-8')", (b, c) -> encode(b));
        add(catalogue, "length(obj)", (b, c) -> length(b, b.get("obj")));
        add(catalogue, "has_key(obj, key)", (b, c) -> BooleanValue.of(hasKey(b.get("obj"), b.get("key"))));
    }

    private static void add(Map<String, BuiltinFunction> catalogue, String signature, BuiltinFunction.Body body) {
        BuiltinFunction function = BuiltinFunction.of(signature, body);
        catalogue.put(function.signature().name(), function);
    }

    // ---- int, float ------------------------------------------------------------------------

    private static Value toInteger(Signature.Bound b, Value x) {
        if (x instanceof IntegerValue) {
            return x;
        }
        if (x instanceof BooleanValue bool) {
            return bool.truthy() ? IntegerValue.ONE : IntegerValue.ZERO;
        }
        if (x instanceof FloatValue f) {
            double d = f.value();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw b.fail("cannot convert " + Rendering.text(f) + " to Integer");
            }
            // BigDecimal's conversion truncates toward zero, as D124 requires
            return IntegerValue.of(new BigDecimal(d).toBigInteger());
        }
        if (x instanceof StringValue s) {
            String text = StringMethods.strip(s.value());
            if (!INTEGER.matcher(text).matches()) {
                throw b.fail("invalid literal " + Rendering.nested(s));
            }
            return IntegerValue.of(new BigInteger(text));
        }
        throw b.fail("cannot convert " + x.typeName() + " to Integer");
    }

    private static Value toFloat(Signature.Bound b, Value x) {
        if (x instanceof FloatValue) {
            return x;
        }
        if (x instanceof BooleanValue bool) {
            return new FloatValue(bool.truthy() ? 1.0 : 0.0);
        }
        if (x instanceof IntegerValue i) {
            double d = i.doubleValue();
            if (Double.isInfinite(d)) {
                throw b.fail("integer too large");
            }
            return new FloatValue(d);
        }
        if (x instanceof StringValue s) {
            return new FloatValue(parseFloat(b, s));
        }
        throw b.fail("cannot convert " + x.typeName() + " to Float");
    }

    private static double parseFloat(Signature.Bound b, StringValue s) {
        String text = StringMethods.strip(s.value());
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        var special = SPECIAL.matcher(text);
        if (!special.matches()) {
            throw b.fail("invalid literal " + Rendering.nested(s));
        }
        boolean negative = special.group(1).equals("-");
        if (special.group(2).equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    // ---- bytes, encode, decode -------------------------------------------------------------

    private static Value toBytes(Signature.Bound b) {
        Value x = b.get("b");
        if (x == NullValue.NULL) {
            return BinaryValue.EMPTY;
        }
        if (x instanceof BinaryValue) {
            return x;
        }
        if (x instanceof IntegerValue n) {
            if (n.signum() < 0) {
                throw b.fail("negative count");
            }
            if (!n.fitsInt() || n.longValue() > Integer.MAX_VALUE - 8) {
                throw b.fail("count too large");
            }
            return BinaryValue.of(new byte[(int) n.longValue()]);
        }
        if (x instanceof StringValue s) {
            return BinaryValue.of(encode(b, s.value(), b.get("encoding")));
        }
        if (x instanceof ArrayValue array) {
            return BinaryValue.of(fromIntegers(b, array.snapshot()));
        }
        throw b.fail("cannot convert " + x.typeName() + " to Binary");
    }

    private static byte[] fromIntegers(Signature.Bound b, List<Value> items) {
        byte[] bytes = new byte[items.size()];
        for (int i = 0; i < bytes.length; i++) {
            Value item = items.get(i);
            if (!(item instanceof IntegerValue n) || !n.fitsInt() || n.longValue() < 0 || n.longValue() > 255) {
                throw b.fail("Array elements must be Integers 0-255, got " + Rendering.nested(item));
            }
            bytes[i] = (byte) n.longValue();
        }
        return bytes;
    }

    private static Value encode(Signature.Bound b) {
        if (!(b.get("message") instanceof StringValue message)) {
            throw b.fail("message must be a String");
        }
        return BinaryValue.of(encode(b, message.value(), b.get("encoding")));
    }

    private static Value decode(Signature.Bound b) {
        if (!(b.get("data") instanceof BinaryValue data)) {
            throw b.fail("data must be a Binary");
        }
        String encoding = encodingName(b, b.get("encoding"));
        try {
            return StringValue.of(Encodings.decode(data.bytes(), encoding));
        } catch (JobflowError e) {
            throw b.fail(e.getMessage());
        }
    }

    /** Encodes with the named encoding; an unknown name or unencodable text is the function's failure. */
    private static byte[] encode(Signature.Bound b, String text, Value encoding) {
        String name = encodingName(b, encoding);
        try {
            return Encodings.encode(text, name);
        } catch (JobflowError e) {
            throw b.fail(e.getMessage());
        }
    }

    private static String encodingName(Signature.Bound b, Value encoding) {
        if (encoding instanceof StringValue s) {
            return s.value();
        }
        throw b.fail("encoding must be a String");
    }

    // ---- length, has_key -------------------------------------------------------------------

    private static Value length(Signature.Bound b, Value obj) {
        if (obj instanceof StringValue s) {
            return IntegerValue.of(s.length());
        }
        if (obj instanceof BinaryValue bin) {
            return IntegerValue.of(bin.length());
        }
        if (obj instanceof ArrayValue array) {
            return IntegerValue.of(array.size());
        }
        if (obj instanceof DictionaryValue dict) {
            return IntegerValue.of(dict.size());
        }
        if (obj instanceof ObjectValue o) {
            return IntegerValue.of(o.members().size());
        }
        if (obj instanceof dev.kompira.core.value.Materializable lazy) {
            return IntegerValue.of(lazy.materialize().size());
        }
        throw b.fail(obj.typeName() + " value has no length");
    }

    /** D129: Dictionaries have keys, Objects the fields of their type, Files their four members; never fails. */
    private static boolean hasKey(Value obj, Value key) {
        if (obj instanceof DictionaryValue dict) {
            // a container is simply not a key (as for 'in', D66)
            return !(key instanceof ArrayValue || key instanceof DictionaryValue) && dict.containsKey(key);
        }
        if (obj instanceof ObjectValue o && key instanceof StringValue field) {
            return o.tree().typeOf(o.stored()).field(field.value()).isPresent();
        }
        if (obj instanceof FileValue && key instanceof StringValue member) {
            return java.util.Set.of("name", "data", "size", "url").contains(member.value());
        }
        return false;
    }
}
