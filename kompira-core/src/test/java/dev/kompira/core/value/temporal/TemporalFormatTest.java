package dev.kompira.core.value.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code %} directives of language.md Appendix A and D136. */
class TemporalFormatTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The example moment of Appendix A: Saturday 2024-03-09 07:05:03 in Asia/Tokyo. */
    private static final ZonedDateTime EXAMPLE = ZonedDateTime.of(2024, 3, 9, 7, 5, 3, 0, TOKYO);

    /** Every row of the Appendix A table, with its example. */
    static Stream<Arguments> appendixA() {
        return Stream.of(
                Arguments.of("%a", "Sat"), Arguments.of("%A", "Saturday"),
                Arguments.of("%w", "6"), Arguments.of("%u", "6"),
                Arguments.of("%d", "09"), Arguments.of("%e", " 9"),
                Arguments.of("%b", "Mar"), Arguments.of("%h", "Mar"), Arguments.of("%B", "March"),
                Arguments.of("%m", "03"),
                Arguments.of("%y", "24"), Arguments.of("%Y", "2024"), Arguments.of("%C", "20"),
                Arguments.of("%G", "2024"), Arguments.of("%V", "10"),
                Arguments.of("%H", "07"), Arguments.of("%I", "07"), Arguments.of("%p", "AM"),
                Arguments.of("%M", "05"), Arguments.of("%S", "03"), Arguments.of("%f", "000000"),
                Arguments.of("%j", "069"),
                Arguments.of("%U", "09"), Arguments.of("%W", "10"),
                Arguments.of("%z", "+0900"), Arguments.of("%Z", "JST"),
                Arguments.of("%s", "1709935503"),
                Arguments.of("%c", "Sat Mar  9 07:05:03 2024"),
                Arguments.of("%x", "03/09/24"), Arguments.of("%X", "07:05:03"),
                Arguments.of("%D", "03/09/24"), Arguments.of("%F", "2024-03-09"),
                Arguments.of("%R", "07:05"), Arguments.of("%T", "07:05:03"), Arguments.of("%r", "07:05:03 AM"),
                Arguments.of("%n", "\n"), Arguments.of("%t", "\t"), Arguments.of("%%", "%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appendixA")
    void formatsTheExampleOfAppendixA(String directive, String expected) {
        assertEquals(expected, TemporalFormat.format(EXAMPLE, directive));
    }

    @Test
    void copiesTextAroundDirectives() {
        assertEquals("01/04 00:15", TemporalFormat.format(ZonedDateTime.of(2024, 4, 1, 0, 15, 0, 0, TOKYO), "%d/%m %H:%M"));
        assertEquals("2024-03-09T07:05:03", TemporalFormat.format(EXAMPLE, "%Y-%m-%dT%H:%M:%S"));
    }

    @Test
    void copiesUnknownSequencesAndAFinalLonePercentUnchanged() {
        assertEquals("%q %-d %k %Ez", TemporalFormat.format(EXAMPLE, "%q %-d %k %Ez"));
        assertEquals("2024%", TemporalFormat.format(EXAMPLE, "%Y%"));
        assertEquals("%", TemporalFormat.format(EXAMPLE, "%"));
        assertEquals("100%09", TemporalFormat.format(EXAMPLE, "100%%%d"));
        assertEquals("", TemporalFormat.format(EXAMPLE, ""));
    }

    @Test
    void formatsMicrosecondsWithSixDigits() {
        assertEquals("07:05:03.120000", TemporalFormat.format(EXAMPLE.withNano(120_000_000), "%H:%M:%S.%f"));
        assertEquals("000007", TemporalFormat.format(EXAMPLE.withNano(7_000), "%f"));
    }

    @Test
    void usesTwelveHourClockWithAmAndPm() {
        assertEquals("12 AM", TemporalFormat.format(EXAMPLE.withHour(0), "%I %p"));
        assertEquals("12 PM", TemporalFormat.format(EXAMPLE.withHour(12), "%I %p"));
        assertEquals("01:05:03 PM", TemporalFormat.format(EXAMPLE.withHour(13), "%r"));
        assertEquals("11 PM", TemporalFormat.format(EXAMPLE.withHour(23), "%I %p"));
    }

    @Test
    void writesTheOffsetAndAbbreviationOfTheZone() {
        ZonedDateTime summer = ZonedDateTime.of(2024, 7, 1, 9, 30, 0, 0, PARIS);
        ZonedDateTime winter = ZonedDateTime.of(2024, 1, 1, 9, 30, 0, 0, PARIS);
        assertEquals("+0200 CEST", TemporalFormat.format(summer, "%z %Z"));
        assertEquals("+0100 CET", TemporalFormat.format(winter, "%z %Z"));
        ZonedDateTime newYork = ZonedDateTime.of(2024, 1, 1, 9, 30, 0, 0, ZoneId.of("America/New_York"));
        assertEquals("-0500 EST", TemporalFormat.format(newYork, "%z %Z"));
    }

    @Test
    void namesFixedOffsetsAfterUtc() {
        LocalDateTime local = LocalDateTime.of(2024, 3, 9, 7, 5, 3);
        assertEquals("+0530 UTC+05:30", TemporalFormat.format(local.atZone(ZoneOffset.ofHoursMinutes(5, 30)), "%z %Z"));
        assertEquals("-0300 UTC-03:00", TemporalFormat.format(local.atZone(ZoneOffset.ofHours(-3)), "%z %Z"));
        assertEquals("+0000 UTC", TemporalFormat.format(local.atZone(ZoneOffset.UTC), "%z %Z"));
    }

    @Test
    void countsWeeksOfTheYearFromTheFirstSundayOrMonday() {
        ZonedDateTime monday = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, TOKYO);
        ZonedDateTime sunday = ZonedDateTime.of(2023, 1, 1, 0, 0, 0, 0, TOKYO);
        assertEquals("00 01", TemporalFormat.format(monday, "%U %W"));
        assertEquals("01 00", TemporalFormat.format(sunday, "%U %W"));
    }

    @Test
    void usesTheIsoWeekBasedYearAroundNewYear() {
        assertEquals("2025-W01-1", TemporalFormat.format(ZonedDateTime.of(2024, 12, 30, 0, 0, 0, 0, TOKYO), "%G-W%V-%u"));
        assertEquals("2020-W53-5", TemporalFormat.format(ZonedDateTime.of(2021, 1, 1, 0, 0, 0, 0, TOKYO), "%G-W%V-%u"));
    }

    @Test
    void padsYearsToFourDigits() {
        ZonedDateTime early = ZonedDateTime.of(5, 6, 7, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals("0005 05 00", TemporalFormat.format(early, "%Y %y %C"));
        assertEquals("1999 99 19", TemporalFormat.format(EXAMPLE.withYear(1999), "%Y %y %C"));
    }

    @Test
    void formatsDatesWithZeroTimeAndNoZone() {
        LocalDate date = LocalDate.of(2024, 3, 9);
        assertEquals("2024-03-09 00:00:00.000000 12 AM", TemporalFormat.format(date, "%F %T.%f %I %p"));
        assertEquals("[][]", TemporalFormat.format(date, "[%z][%Z]"));
        assertEquals("Sat Mar  9 00:00:00 2024", TemporalFormat.format(date, "%c"));
        // Without a zone, %s reads the wall-clock time as UTC.
        assertEquals("86400", TemporalFormat.format(LocalDate.of(1970, 1, 2), "%s"));
    }

    @Test
    void formatsTimesOnTheFirstOfJanuary1900WithNoZone() {
        LocalTime time = LocalTime.of(7, 5, 3, 250_000_000);
        assertEquals("1900-01-01 Mon 001 07:05:03.250000", TemporalFormat.format(time, "%F %a %j %T.%f"));
        assertEquals("[][]", TemporalFormat.format(time, "[%z][%Z]"));
    }

    @Test
    void isoformatGivesTheInstantInUtcWithoutFraction() {
        assertEquals("2024-03-08T22:05:03Z", TemporalFormat.isoformat(EXAMPLE.withNano(999_999_000)));
        assertEquals("2024-07-01T07:30:00Z", TemporalFormat.isoformat(ZonedDateTime.of(2024, 7, 1, 9, 30, 0, 0, PARIS)));
    }
}
