package dev.kompira.core.object.types;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The write conversion of objects.md §3.7, one method per row of its table: convert the input,
 * apply {@code strip}/{@code key_strip}, validate the qualifiers. Stateless and thread-safe.
 */
final class FieldConversion {

    /** An optional sign and decimal digits (§3.7 Integer row). */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** Decimal or scientific notation (§3.7 Float row); no {@code nan}/{@code inf}. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** The texts a Boolean field reads as true and as false (§3.7 Boolean row). */
    private static final Set<String> TRUE_TEXTS = Set.of("true", "True", "1");
    private static final Set<String> FALSE_TEXTS = Set.of("false", "False", "0", "");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private FieldConversion() {
    }

    /** See {@link FieldType#convert}. */
    static Value convert(FieldType type, String field, Value input, ConversionContext ctx) {
        Objects.requireNonNull(input, "input");
        Site site = new Site(type, field, null, ctx);
        if (type.kind() == FieldKind.ARRAY) {
            return array(site, input);
        }
        if (type.kind() == FieldKind.DICTIONARY) {
            return dictionary(site, input);
        }
        return scalar(type.kind(), site, input);
    }

    /** See {@link FieldType#emptyValue}. */
    static Value emptyValue(FieldKind kind) {
        return switch (kind) {
            case STRING, TEXT, LARGE_TEXT, PASSWORD, ENUM, IP_ADDRESS, EMAIL, URL -> StringValue.EMPTY;
            case BOOLEAN -> BooleanValue.FALSE;
            case ARRAY -> new ArrayValue();
            case DICTIONARY -> new DictionaryValue();
            case BINARY, INTEGER, FLOAT, DATETIME, DATE, TIME, OBJECT, FILE -> NullValue.NULL;
        };
    }

    private static Value scalar(FieldKind kind, Site site, Value input) {
        return switch (kind) {
            case STRING, TEXT, LARGE_TEXT, PASSWORD -> text(site, input);
            case INTEGER -> integer(site, input);
            case FLOAT -> floating(site, input);
            case BOOLEAN -> bool(site, input);
            case ENUM -> enumeration(site, input);
            case IP_ADDRESS, EMAIL, URL -> address(kind, site, input);
            case BINARY -> binary(site, input);
            case DATETIME, DATE, TIME -> TemporalConversion.convert(kind, site, input);
            case OBJECT -> object(site, input);
            case FILE -> file(site, input);
            case ARRAY, DICTIONARY -> throw new IllegalArgumentException("containers do not nest: " + kind);
        };
    }

    // ---- Array<T>, Dictionary<T> ----

    private static Value array(Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        if (!(input instanceof ArrayValue source)) {
            throw site.cannotConvert(input, FieldKind.ARRAY);
        }
        FieldKind element = site.type.element().orElseThrow();
        List<Value> items = new ArrayList<>(source.size());
        for (int i = 0; i < source.size(); i++) {
            items.add(scalar(element, site.at("element " + i), source.get(i)));
        }
        return new ArrayValue(items);
    }

    /** Keys become their text form (§3.2, Decision) and are trimmed with {@code key_strip}; a later duplicate key wins. */
    private static Value dictionary(Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        if (!(input instanceof DictionaryValue source)) {
            throw site.cannotConvert(input, FieldKind.DICTIONARY);
        }
        FieldKind element = site.type.element().orElseThrow();
        DictionaryValue result = new DictionaryValue();
        for (Map.Entry<Value, Value> entry : source.entries()) {
            String key = Rendering.text(entry.getKey());
            if (site.q().keyStrip) {
                key = key.strip();
            }
            result.put(key, scalar(element, site.at("key " + Rendering.quoted(key)), entry.getValue()));
        }
        return result;
    }

    // ---- String, Text, LargeText, Password, Enum ----

    private static Value text(Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        String text = textForm(site, input, true);
        if (site.q().strip) {
            text = text.strip();
        }
        checkText(site, text);
        return StringValue.of(text);
    }

    /**
     * The jobflow string form of a scalar (§3.7 String row): Strings as they are, numbers, Booleans
     * and dates in their text form, Objects (when {@code objects}) as their absolute path.
     */
    private static String textForm(Site site, Value input, boolean objects) {
        if (input instanceof StringValue s) {
            return s.value();
        }
        if (input instanceof IntegerValue || input instanceof FloatValue || input instanceof BooleanValue
                || input instanceof DatetimeValue || input instanceof DateValue || input instanceof TimeValue) {
            return Rendering.text(input);
        }
        Optional<Long> id = objects ? site.ctx.objectId(input) : Optional.empty();
        if (id.isPresent()) {
            return site.ctx.objectPath(id.get()).orElseThrow(() -> site.fail("object #" + id.get() + " does not exist"));
        }
        throw site.cannotConvert(input, site.kind());
    }

    /** {@code pattern}, {@code min_length}, {@code max_length}; the empty string means "no value" and is not checked. */
    private static void checkText(Site site, String text) {
        if (text.isEmpty()) {
            return;
        }
        Qualifiers q = site.q();
        if (q.pattern != null && !q.pattern.matcher(text).find()) {
            throw site.fail(Rendering.quoted(text) + " does not match pattern " + Rendering.quoted(q.pattern.pattern()));
        }
        int length = text.codePointCount(0, text.length());
        if (q.minLength != null && length < q.minLength) {
            throw site.fail(Rendering.quoted(text) + " is shorter than min_length " + q.minLength);
        }
        if (q.maxLength != null && length > q.maxLength) {
            throw site.fail(Rendering.quoted(text) + " is longer than max_length " + q.maxLength);
        }
    }

    /** Enum: scalars by their string form (not Objects); {@code ""} means nothing selected. */
    private static Value enumeration(Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        String text = textForm(site, input, false);
        if (text.isEmpty()) {
            return StringValue.EMPTY;
        }
        List<String> choices = choices(site);
        if (choices != null && !choices.contains(text)) {
            throw site.fail(Rendering.quoted(text) + " is not one of " + Rendering.nested(stringArray(choices)));
        }
        return StringValue.of(text);
    }

    /** The data values of the choices, or Java {@code null} when there is no list or it cannot be resolved. */
    private static List<String> choices(Site site) {
        Qualifiers q = site.q();
        if (q.staticEnum != null) {
            List<String> data = new ArrayList<>(q.staticEnum.size());
            q.staticEnum.forEach(choice -> data.add(choice.data()));
            return data;
        }
        return q.enumQualifier == null ? null : site.ctx.resolveEnum(site.type).orElse(null);
    }

    private static ArrayValue stringArray(List<String> strings) {
        ArrayValue array = new ArrayValue();
        strings.forEach(s -> array.items().add(StringValue.of(s)));
        return array;
    }

    // ---- IPAddress, EMail, URL ----

    private static Value address(FieldKind kind, Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        if (!(input instanceof StringValue s)) {
            throw site.cannotConvert(input, kind);
        }
        String text = s.value();
        if (text.isEmpty()) {
            return StringValue.EMPTY;
        }
        if (kind == FieldKind.URL) {
            TextSyntax.Result<String> url = TextSyntax.url(text, site.q().schemes);
            if (!url.ok()) {
                throw site.fail(Rendering.quoted(text) + " " + url.reason());
            }
            return StringValue.of(url.value());
        }
        boolean valid = kind == FieldKind.IP_ADDRESS ? TextSyntax.isIpAddress(text) : TextSyntax.isEmail(text);
        if (!valid) {
            throw site.fail(Rendering.quoted(text) + (kind == FieldKind.IP_ADDRESS ? " is not an IP address" : " is not a mail address"));
        }
        return s;
    }

    // ---- Integer, Float ----

    private static Value integer(Site site, Value input) {
        IntegerValue result;
        if (input instanceof NullValue) {
            return NullValue.NULL;
        } else if (input instanceof IntegerValue i) {
            result = i;
        } else if (input instanceof FloatValue f) {
            result = wholeNumber(site, f.value());
        } else if (input instanceof StringValue s && INTEGER.matcher(s.value().strip()).matches()) {
            result = IntegerValue.of(new BigInteger(s.value().strip()));
        } else if (input instanceof StringValue s) {
            throw site.fail(Rendering.quoted(s.value()) + " is not an integer");
        } else {
            throw site.cannotConvert(input, FieldKind.INTEGER);
        }
        if (!result.fitsLong()) {
            throw site.outOfRange();
        }
        BigDecimal exact = BigDecimal.valueOf(result.longValue());
        Qualifiers q = site.q();
        checkBounds(site, result, q.minValue != null && exact.compareTo(q.minValue.decimalValue()) < 0,
                q.maxValue != null && exact.compareTo(q.maxValue.decimalValue()) > 0);
        return result;
    }

    private static IntegerValue wholeNumber(Site site, double d) {
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw site.fail(Rendering.formatFloat(d) + " is not a whole number");
        }
        BigInteger whole = new BigDecimal(d).toBigIntegerExact();
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            throw site.outOfRange();
        }
        return IntegerValue.of(whole.longValue());
    }

    private static Value floating(Site site, Value input) {
        double d;
        if (input instanceof NullValue) {
            return NullValue.NULL;
        } else if (input instanceof FloatValue f) {
            d = f.value();
            if (!Double.isFinite(d)) {
                throw site.fail(Rendering.formatFloat(d) + " is not a finite number");
            }
        } else if (input instanceof IntegerValue i) {
            d = finiteOrOutOfRange(site, i.doubleValue());
        } else if (input instanceof StringValue s && DECIMAL.matcher(s.value().strip()).matches()) {
            d = finiteOrOutOfRange(site, Double.parseDouble(s.value().strip()));
        } else if (input instanceof StringValue s) {
            throw site.fail(Rendering.quoted(s.value()) + " is not a number");
        } else {
            throw site.cannotConvert(input, FieldKind.FLOAT);
        }
        FloatValue result = new FloatValue(d);
        Qualifiers q = site.q();
        // Float bounds compare as doubles, so that a bound such as 0.1 admits the Float 0.1.
        checkBounds(site, result, q.minValue != null && d < q.minValue.doubleValue(),
                q.maxValue != null && d > q.maxValue.doubleValue());
        return result;
    }

    /** An Integer or numeric text too large for a double does not fit the field (R-RANGE). */
    private static double finiteOrOutOfRange(Site site, double d) {
        if (Double.isInfinite(d)) {
            throw site.outOfRange();
        }
        return d;
    }

    private static void checkBounds(Site site, Value value, boolean belowMin, boolean aboveMax) {
        if (belowMin) {
            throw site.fail(Rendering.text(value) + " is less than min_value " + Qualifiers.text(site.q().minValue));
        }
        if (aboveMax) {
            throw site.fail(Rendering.text(value) + " is greater than max_value " + Qualifiers.text(site.q().maxValue));
        }
    }

    // ---- Boolean ----

    private static Value bool(Site site, Value input) {
        if (input instanceof NullValue) {
            return BooleanValue.FALSE;
        } else if (input instanceof BooleanValue b) {
            return b;
        } else if (input instanceof IntegerValue i && (i.signum() == 0 || i.equals(IntegerValue.ONE))) {
            return BooleanValue.of(i.signum() != 0);
        } else if (input instanceof IntegerValue i) {
            throw site.fail(i + " is not a Boolean (only 0 and 1 are)");
        } else if (input instanceof StringValue s && TRUE_TEXTS.contains(s.value())) {
            return BooleanValue.TRUE;
        } else if (input instanceof StringValue s && FALSE_TEXTS.contains(s.value())) {
            return BooleanValue.FALSE;
        } else if (input instanceof StringValue s) {
            throw site.fail(Rendering.quoted(s.value()) + " is not a Boolean");
        }
        throw site.cannotConvert(input, FieldKind.BOOLEAN);
    }

    // ---- Binary ----

    private static Value binary(Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        } else if (input instanceof BinaryValue b) {
            return b;
        } else if (input instanceof StringValue s) {
            return BinaryValue.of(s.value().getBytes(StandardCharsets.UTF_8));
        } else if (input instanceof ArrayValue a) {
            byte[] bytes = new byte[a.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) octet(site, a.get(i), i);
            }
            return BinaryValue.of(bytes);
        }
        throw site.cannotConvert(input, FieldKind.BINARY);
    }

    private static int octet(Site site, Value item, int index) {
        if (item instanceof IntegerValue i && i.fitsInt() && i.longValue() >= 0 && i.longValue() <= 255) {
            return (int) i.longValue();
        }
        throw site.fail("Array element " + index + " (" + Rendering.nested(item) + ") is not an integer 0-255");
    }

    // ---- Object, File ----

    private static Value object(Site site, Value input) {
        if (input instanceof NullValue) {
            return nullUnlessNoEmpty(site);
        }
        Optional<Long> id = site.ctx.objectId(input);
        long target;
        if (id.isPresent()) {
            target = id.get();
            if (site.ctx.objectPath(target).isEmpty()) {
                throw site.fail("object #" + target + " does not exist");
            }
        } else if (input instanceof StringValue s) {
            target = site.ctx.resolveObject(s.value()).orElseThrow(() -> site.fail("object not found: " + s.value()));
        } else {
            throw site.cannotConvert(input, FieldKind.OBJECT);
        }
        Qualifiers q = site.q();
        if (q.json.hasNonNull("object") || q.json.hasNonNull("directory") || q.json.hasNonNull("filter")) {
            Optional<String> refused = site.ctx.objectRestriction(site.type, target);
            if (refused.isPresent()) {
                throw site.fail(refused.get());
            }
        }
        return new ObjectRef(target);
    }

    private static Value nullUnlessNoEmpty(Site site) {
        if (site.q().noEmpty) {
            throw site.fail("null is not allowed (no_empty)");
        }
        return NullValue.NULL;
    }

    /** File: a File value, or a Dictionary with a non-empty {@code name} and optional {@code data} (Binary, or String as UTF-8). */
    private static Value file(Site site, Value input) {
        if (input instanceof NullValue) {
            return nullUnlessNoEmpty(site);
        }
        if (input instanceof FileValue f) {
            return f;
        }
        if (!(input instanceof DictionaryValue d)) {
            throw site.cannotConvert(input, FieldKind.FILE);
        }
        for (Value key : d.keys()) {
            if (!(key instanceof StringValue s && (s.value().equals("name") || s.value().equals("data")))) {
                throw site.fail("a File takes only 'name' and 'data', not " + Rendering.nested(key));
            }
        }
        if (!(d.get("name") instanceof StringValue name) || name.value().isEmpty()) {
            throw site.fail("a File needs a non-empty String 'name'");
        }
        Value data = d.get("data");
        if (data == null) {
            return new FileValue(name.value(), BinaryValue.EMPTY);
        } else if (data instanceof BinaryValue b) {
            return new FileValue(name.value(), b);
        } else if (data instanceof StringValue s) {
            return new FileValue(name.value(), BinaryValue.of(s.value().getBytes(StandardCharsets.UTF_8)));
        }
        throw site.fail("File data must be a Binary or a String, not " + data.typeName());
    }

    /**
     * Where a conversion happens: the field, and inside a container the element or key, for messages.
     *
     * @param type     the field's declaration
     * @param field    the field name
     * @param position {@code element 2} or {@code key 'a'} inside a container, else null
     * @param ctx      the conversion context
     */
    record Site(FieldType type, String field, String position, ConversionContext ctx) {

        Site at(String newPosition) {
            return new Site(type, field, newPosition, ctx);
        }

        Qualifiers q() {
            return type.parsedQualifiers();
        }

        /** The kind being converted to: the element kind inside a container. */
        FieldKind kind() {
            return position == null ? type.kind() : type.element().orElseThrow();
        }

        /** A broken rule: {@code field 'f': [position: ]detail}. */
        FieldValueException fail(String detail) {
            String where = position == null ? "" : position + ": ";
            return new FieldValueException(ErrorCode.R_UPDATE, field, "field '" + field + "': " + where + detail);
        }

        /** A number that does not fit the field at all (language.md §14.3 R-RANGE, D25). */
        FieldValueException outOfRange() {
            return new FieldValueException(ErrorCode.R_RANGE, field, "value out of range for field '" + field + "'");
        }

        FieldValueException cannotConvert(Value input, FieldKind target) {
            return fail("cannot convert " + input.typeName() + " to " + target);
        }
    }
}
