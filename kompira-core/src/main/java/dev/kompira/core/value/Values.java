package dev.kompira.core.value;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain Java values to jobflow values and back, for Java code that hands values to the engine
 * (parameters, object fields) or reads them:
 *
 * <table>
 * <caption>What corresponds to what</caption>
 * <tr><th>Java</th><th>jobflow</th></tr>
 * <tr><td>{@code null}</td><td>null</td></tr>
 * <tr><td>{@code Boolean}</td><td>Boolean</td></tr>
 * <tr><td>{@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}</td><td>Integer
 *     (read back as {@code Long}, or {@code BigInteger} beyond its range)</td></tr>
 * <tr><td>{@code Double}, {@code Float}</td><td>Float (read back as {@code Double})</td></tr>
 * <tr><td>{@code String} (any {@code CharSequence})</td><td>String</td></tr>
 * <tr><td>{@code byte[]}</td><td>Binary</td></tr>
 * <tr><td>{@code List} (any {@code Collection}, in its iteration order)</td><td>Array (read back as a {@code List})</td></tr>
 * <tr><td>{@code Map}</td><td>Dictionary (read back as a {@code Map} in the Dictionary's order)</td></tr>
 * <tr><td>{@code ZonedDateTime}, {@code OffsetDateTime}, {@code Instant} (in UTC)</td><td>Datetime
 *     (read back as {@code ZonedDateTime})</td></tr>
 * <tr><td>{@code LocalDate}</td><td>Date</td></tr>
 * <tr><td>{@code LocalTime}</td><td>Time</td></tr>
 * <tr><td>{@code Duration}</td><td>Timedelta</td></tr>
 * <tr><td>a {@link Value}</td><td>itself</td></tr>
 * </table>
 *
 * <p>Reading back, an object reference becomes its absolute path ({@code String}) and a File the
 * {@code Map} {@code {name=String, data=byte[]}} that a File field also accepts when written.
 * Time values are microsecond-precise: finer parts are dropped. {@code LocalDateTime} is refused
 * because a Datetime needs a zone; give a {@code ZonedDateTime}, or a String that the field
 * reads in the engine zone.
 *
 * <p>Stateless and thread-safe. The collections returned by {@link #toJava} are new and belong to
 * the caller.
 */
public final class Values {

    private Values() {
    }

    /**
     * Returns the jobflow value of {@code java} as the table above says.
     *
     * @throws IllegalArgumentException for a Java type without a jobflow counterpart, or a
     *                                  collection that contains itself
     */
    public static Value of(Object java) {
        return of(java, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Value of(Object java, Set<Object> open) {
        if (java == null) {
            return NullValue.NULL;
        } else if (java instanceof Value v) {
            return v;
        } else if (java instanceof CharSequence s) {
            return StringValue.of(s.toString());
        } else if (java instanceof Boolean b) {
            return BooleanValue.of(b);
        } else if (java instanceof Integer || java instanceof Long || java instanceof Short || java instanceof Byte) {
            return IntegerValue.of(((Number) java).longValue());
        } else if (java instanceof BigInteger n) {
            return IntegerValue.of(n);
        } else if (java instanceof Double || java instanceof Float) {
            return new FloatValue(((Number) java).doubleValue());
        } else if (java instanceof byte[] bytes) {
            return BinaryValue.of(bytes);
        } else if (java instanceof Map<?, ?> || java instanceof Collection<?>) {
            return container(java, open);
        }
        return temporal(java);
    }

    private static Value container(Object java, Set<Object> open) {
        if (!open.add(java)) {
            throw new IllegalArgumentException("a " + java.getClass().getSimpleName() + " that contains itself has no jobflow value");
        }
        try {
            if (java instanceof Map<?, ?> map) {
                DictionaryValue d = new DictionaryValue();
                map.forEach((k, v) -> d.put(of(k, open), of(v, open)));
                return d;
            }
            List<Value> items = new ArrayList<>();
            ((Collection<?>) java).forEach(item -> items.add(of(item, open)));
            return new ArrayValue(items);
        } finally {
            open.remove(java);
        }
    }

    private static Value temporal(Object java) {
        if (java instanceof ZonedDateTime t) {
            return new DatetimeValue(t);
        } else if (java instanceof OffsetDateTime t) {
            return new DatetimeValue(t.toZonedDateTime());
        } else if (java instanceof Instant t) {
            return new DatetimeValue(t.atZone(ZoneOffset.UTC));
        } else if (java instanceof LocalDate d) {
            return new DateValue(d);
        } else if (java instanceof LocalTime t) {
            return new TimeValue(t);
        } else if (java instanceof Duration d) {
            return TimedeltaValue.ofMicros(BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000))
                    .add(BigInteger.valueOf(d.getNano() / 1000)));
        } else if (java instanceof java.time.LocalDateTime) {
            throw new IllegalArgumentException("a LocalDateTime has no zone; give a ZonedDateTime, an Instant, "
                    + "or a String that the field reads in the engine zone");
        }
        throw new IllegalArgumentException("a " + java.getClass().getName() + " has no jobflow value; give a String, "
                + "a number, a Boolean, a List, a Map, a byte[], a java.time value or a jobflow Value");
    }

    /**
     * Returns the plain Java form of {@code value} as the table above says.
     *
     * @throws IllegalArgumentException for a value without a plain Java form (a Pattern, a method)
     */
    public static Object toJava(Value value) {
        if (value instanceof NullValue) {
            return null;
        } else if (value instanceof BooleanValue b) {
            return b == BooleanValue.TRUE;
        } else if (value instanceof IntegerValue i) {
            return i.fitsLong() ? (Object) i.longValue() : i.bigValue();
        } else if (value instanceof FloatValue f) {
            return f.value();
        } else if (value instanceof StringValue s) {
            return s.value();
        } else if (value instanceof BinaryValue b) {
            return b.bytes();
        } else if (value instanceof ArrayValue a) {
            List<Object> list = new ArrayList<>(a.size());
            a.snapshot().forEach(item -> list.add(toJava(item)));
            return list;
        } else if (value instanceof DictionaryValue d) {
            Map<Object, Object> map = new LinkedHashMap<>();
            d.entries().forEach(e -> map.put(toJava(e.getKey()), toJava(e.getValue())));
            return map;
        } else if (value instanceof DatetimeValue t) {
            return t.value();
        } else if (value instanceof DateValue d) {
            return d.value();
        } else if (value instanceof TimeValue t) {
            return t.value();
        } else if (value instanceof TimedeltaValue d) {
            return Duration.ofDays(d.days()).plusNanos(d.microsOfDay() * 1000);
        } else if (value instanceof FileValue f) {
            Map<Object, Object> file = new LinkedHashMap<>();
            file.put("name", f.name());
            file.put("data", f.data().bytes());
            return file;
        } else if (value instanceof ExternalValue e) {
            return e.text();
        }
        throw new IllegalArgumentException("a " + value.typeName() + " has no plain Java form");
    }
}
