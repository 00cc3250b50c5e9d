package dev.kompira.core.object.types;

import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.temporal.TemporalParser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The Datetime, Date and Time rows of objects.md §3.7 with the input formats of §3.4. Zone-less
 * text is wall-clock time in the context's zone (Decision 18); {@code %y} maps 00–68 to the 2000s
 * (Decision 19, as {@link TemporalParser} does). Stateless and thread-safe.
 */
final class TemporalConversion {

    /**
     * Kompira's form formats that the ISO reading of {@link TemporalParser#parseDatetime} does not
     * cover ({@code %Y-%m-%d ...} it does), longest first.
     */
    private static final List<String> DATETIME_FORMATS = List.of("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
            "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y");
    private static final List<String> DATE_FORMATS = List.of("%m/%d/%Y", "%m/%d/%y");

    private TemporalConversion() {
    }

    /** Converts {@code input} for a field of {@code kind} (Datetime, Date or Time). */
    static Value convert(FieldKind kind, FieldConversion.Site site, Value input) {
        if (input instanceof NullValue) {
            return NullValue.NULL;
        }
        return switch (kind) {
            case DATETIME -> datetime(site, input);
            case DATE -> date(site, input);
            case TIME -> time(site, input);
            default -> throw new IllegalArgumentException("not a temporal kind: " + kind);
        };
    }

    private static Value datetime(FieldConversion.Site site, Value input) {
        if (input instanceof DatetimeValue d) {
            return d;
        } else if (input instanceof DateValue d) {
            return new DatetimeValue(d.value().atStartOfDay(site.ctx().zone()));
        } else if (input instanceof StringValue s) {
            return parseDatetime(s.value().strip(), site.ctx().zone()).map(DatetimeValue::new)
                    .orElseThrow(() -> unparsable(site, s, "Datetime"));
        }
        throw site.cannotConvert(input, FieldKind.DATETIME);
    }

    private static Optional<ZonedDateTime> parseDatetime(String text, ZoneId zone) {
        Optional<TemporalParser.Parsed> parsed = TemporalParser.parseDatetime(text);
        for (int i = 0; parsed.isEmpty() && i < DATETIME_FORMATS.size(); i++) {
            parsed = TemporalParser.parse(text, DATETIME_FORMATS.get(i), zone);
        }
        return parsed.map(p -> p.atZone(zone));
    }

    private static Value date(FieldConversion.Site site, Value input) {
        if (input instanceof DateValue d) {
            return d;
        } else if (input instanceof DatetimeValue d) {
            return new DateValue(d.value().toLocalDate());
        } else if (input instanceof StringValue s) {
            return parseDate(s.value().strip(), site.ctx().zone()).map(DateValue::new)
                    .orElseThrow(() -> unparsable(site, s, "Date"));
        }
        throw site.cannotConvert(input, FieldKind.DATE);
    }

    private static Optional<LocalDate> parseDate(String text, ZoneId zone) {
        Optional<LocalDate> date = TemporalParser.parseDate(text);
        for (int i = 0; date.isEmpty() && i < DATE_FORMATS.size(); i++) {
            date = TemporalParser.parse(text, DATE_FORMATS.get(i), zone).map(TemporalParser.Parsed::date);
        }
        return date;
    }

    private static Value time(FieldConversion.Site site, Value input) {
        if (input instanceof TimeValue t) {
            return t;
        } else if (input instanceof DatetimeValue d) {
            return new TimeValue(d.value().toLocalTime());
        } else if (input instanceof StringValue s) {
            return TemporalParser.parseTime(s.value()).map(TimeValue::new).orElseThrow(() -> unparsable(site, s, "Time"));
        }
        throw site.cannotConvert(input, FieldKind.TIME);
    }

    private static FieldValueException unparsable(FieldConversion.Site site, StringValue text, String type) {
        return site.fail(Rendering.quoted(text.value()) + " is not a valid " + type);
    }
}
