package dev.kompira.core.value.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default formats of D122 ({@code datetime}, {@code date}, {@code time}) and the directives of D135. */
class TemporalParserTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static TemporalParser.Parsed datetime(String text) {
        return TemporalParser.parseDatetime(text).orElseThrow(() -> new AssertionError("not parsed: " + text));
    }

    private static TemporalParser.Parsed parse(String text, String format) {
        return TemporalParser.parse(text, format, TOKYO).orElseThrow(() -> new AssertionError("not parsed: " + text));
    }

    private static boolean parses(String text, String format) {
        return TemporalParser.parse(text, format, TOKYO).isPresent();
    }

    // ---- default Datetime format (D122)

    @Test
    void readsTheDefaultDatetimeFormat() {
        TemporalParser.Parsed p = datetime("2024-07-01 09:30");
        assertEquals(LocalDateTime.of(2024, 7, 1, 9, 30), LocalDateTime.of(p.date(), p.time()));
        assertNull(p.offset());
        assertEquals(LocalTime.of(9, 30, 5, 250_000_000), datetime("  2024-7-1T9:30:05.25\t").time());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), datetime("2024-07-01 23:59:59.999999").time());
    }

    @Test
    void readsADateAloneAsMidnight() {
        TemporalParser.Parsed p = datetime("2024-07-01");
        assertEquals(LocalDate.of(2024, 7, 1), p.date());
        assertEquals(LocalTime.MIDNIGHT, p.time());
    }

    @Test
    void readsTheOffsetForms() {
        assertEquals(ZoneOffset.UTC, datetime("2024-07-01T00:30:00Z").offset());
        assertEquals(ZoneOffset.ofHours(9), datetime("2024-07-01T09:30+09:00").offset());
        assertEquals(ZoneOffset.ofHoursMinutes(-5, -30), datetime("2024-07-01T09:30:00-0530").offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01", "2024-02-30", "2023-02-29 10:00", "2024-07-01 24:00", "2024-07-01 09:60",
            "2024-07-01 09:30:60", "24-07-01", "2024-07-01  09:30", "2024-07-01t09:30", "2024-07-01 09:30.5",
            "2024-07-01 09:30:00.1234567", "2024-07-01 09", "2024-07-01 09:30z", "2024-07-01 09:30+9", "2024-07-01Z",
            "2024-07-01 09:30+19:00", "2024-07-01 09:30+09:60", "0000-01-01", "2024-07-01 09:30 x", "", "now"})
    void rejectsTextOutsideTheDefaultDatetimeFormat(String text) {
        assertFalse(TemporalParser.parseDatetime(text).isPresent());
    }

    // ---- default Date and Time formats

    @Test
    void readsTheDefaultDateAndTimeFormats() {
        assertEquals(Optional.of(LocalDate.of(2024, 2, 29)), TemporalParser.parseDate("2024-2-29"));
        assertEquals(Optional.of(LocalTime.of(7, 5)), TemporalParser.parseTime("7:05"));
        assertEquals(Optional.of(LocalTime.of(7, 5, 9, 250_000_000)), TemporalParser.parseTime("07:05:09.25"));
        assertEquals(Optional.of(LocalTime.of(7, 5, 9)), TemporalParser.parseTime(" 07:05:09 "));
    }

    @Test
    void rejectsTextOutsideTheDefaultDateAndTimeFormats() {
        assertFalse(TemporalParser.parseDate("2023-2-29").isPresent());
        assertFalse(TemporalParser.parseDate("2024-02-29 10:00").isPresent());
        assertFalse(TemporalParser.parseTime("24:00").isPresent());
        assertFalse(TemporalParser.parseTime("7").isPresent());
        assertFalse(TemporalParser.parseTime("07:05.5").isPresent());
        assertFalse(TemporalParser.parseTime("2024-02-29 07:05").isPresent());
    }

    // ---- resolving the zone (D122)

    @Test
    void takesLocalTimesInTheZoneAndKeepsExplicitOffsets() {
        assertEquals(ZonedDateTime.of(2024, 7, 1, 9, 30, 0, 0, TOKYO), datetime("2024-07-01 09:30").atZone(TOKYO));
        ZonedDateTime utc = datetime("2024-07-01T00:30:00Z").atZone(TOKYO);
        assertEquals(ZoneOffset.UTC, utc.getZone());
        assertEquals(ZonedDateTime.of(2024, 7, 1, 9, 30, 0, 0, TOKYO).toInstant(), utc.toInstant());
    }

    @Test
    void movesATimeInADaylightSavingGapForwardByTheGap() {
        ZonedDateTime moved = datetime("2024-03-31 02:30").atZone(PARIS);
        assertEquals(LocalDateTime.of(2024, 3, 31, 3, 30), moved.toLocalDateTime());
        assertEquals(ZoneOffset.ofHours(2), moved.getOffset());
    }

    @Test
    void takesTheEarlierOffsetForAnAmbiguousTime() {
        ZonedDateTime ambiguous = datetime("2024-10-27 02:30").atZone(PARIS);
        assertEquals(LocalDateTime.of(2024, 10, 27, 2, 30), ambiguous.toLocalDateTime());
        assertEquals(ZoneOffset.ofHours(2), ambiguous.getOffset());
    }

    // ---- formats (D135)

    @Test
    void readsTheExampleFormatsOfTheBuiltins() {
        TemporalParser.Parsed paris = parse("01/07/2024 9h30", "%d/%m/%Y %Hh%M");
        assertEquals(LocalDateTime.of(2024, 7, 1, 9, 30), LocalDateTime.of(paris.date(), paris.time()));
        assertEquals(LocalDate.of(2024, 2, 29), parse("29.02.2024", "%d.%m.%Y").date());
        assertEquals(LocalTime.of(23, 0), parse("11pm", "%I%p").time());
    }

    @Test
    void defaultsFieldsTheFormatDoesNotMention() {
        TemporalParser.Parsed p = parse("7:05", "%H:%M");
        assertEquals(LocalDate.of(1900, 1, 1), p.date());
        assertEquals(LocalTime.of(7, 5), p.time());
        assertNull(p.offset());
        assertEquals(LocalDate.of(1900, 3, 1), parse("3", "%m").date());
    }

    @Test
    void readsTwoDigitYearsAroundThePivot() {
        assertEquals(2068, parse("68", "%y").date().getYear());
        assertEquals(1969, parse("69", "%y").date().getYear());
        assertEquals(2000, parse("00", "%y").date().getYear());
        assertEquals(1999, parse("99", "%y").date().getYear());
        assertFalse(parses("7", "%y"));
        assertFalse(parses("124", "%Y"));
    }

    @Test
    void readsOneOrTwoDigitNumbers() {
        assertEquals(LocalDateTime.of(2024, 3, 9, 7, 5, 3), at(parse("2024 3 9 7 5 3", "%Y %m %d %H %M %S")));
        assertEquals(LocalDateTime.of(2024, 3, 9, 7, 5, 3), at(parse("2024 03 09 07 05 03", "%Y %m %d %H %M %S")));
        assertFalse(parses("2024 003 09", "%Y %m %d"));
    }

    @Test
    void triesTheLongestValidValueFirstAndBacktracks() {
        assertEquals(LocalDate.of(1900, 12, 3), parse("123", "%m%d").date());
        assertEquals(LocalDate.of(1900, 1, 30), parse("130", "%m%d").date());
    }

    @Test
    void readsTwelveHourTimes() {
        assertEquals(0, parse("12 am", "%I %p").time().getHour());
        assertEquals(12, parse("12 PM", "%I %p").time().getHour());
        assertEquals(13, parse("Pm 1", "%p %I").time().getHour());
        assertEquals(0, parse("12", "%I").time().getHour());
        assertEquals(9, parse("9", "%I").time().getHour());
        assertFalse(parses("13 PM", "%I %p"));
        assertFalse(parses("1 XM", "%I %p"));
    }

    @Test
    void readsFractionsOfOneToSixDigits() {
        assertEquals(500_000_000, parse("5", "%f").time().getNano());
        assertEquals(123_456_000, parse("123456", "%f").time().getNano());
        assertFalse(parses("1234567", "%f"));
    }

    @Test
    void readsTheDayOfTheYear() {
        assertEquals(LocalDate.of(2024, 2, 29), parse("2024 60", "%Y %j").date());
        assertEquals(LocalDate.of(2024, 12, 31), parse("2024 366", "%Y %j").date());
        assertEquals(LocalDate.of(1900, 1, 1), parse("001", "%j").date());
        assertFalse(parses("2023 366", "%Y %j"));
        assertFalse(parses("2024 0", "%Y %j"));
    }

    @Test
    void readsEnglishNamesInAnyCase() {
        assertEquals(3, parse("mar", "%b").date().getMonthValue());
        assertEquals(3, parse("MAR", "%h").date().getMonthValue());
        assertEquals(9, parse("September", "%B").date().getMonthValue());
        assertFalse(parses("Sept", "%b"));
        assertFalse(parses("Mar", "%B"));
    }

    @Test
    void checksWeekdayNamesForFormOnly() {
        // 2024-03-09 is a Saturday; the weekday name is not compared with the date.
        assertEquals(LocalDate.of(2024, 3, 9), parse("Mon, 2024-03-09", "%a, %Y-%m-%d").date());
        assertEquals(LocalDate.of(2024, 3, 9), parse("friday 2024-03-09", "%A %Y-%m-%d").date());
        assertFalse(parses("Fri 2024-03-09", "%A %Y-%m-%d"));
        assertFalse(parses("Fry 2024-03-09", "%a %Y-%m-%d"));
    }

    @Test
    void readsOffsets() {
        assertEquals(ZoneOffset.UTC, parse("Z", "%z").offset());
        assertEquals(ZoneOffset.ofHours(9), parse("+0900", "%z").offset());
        assertEquals(ZoneOffset.ofHoursMinutes(-3, -30), parse("-03:30", "%z").offset());
        assertFalse(parses("+9", "%z"));
        assertFalse(parses("z", "%z"));
        assertFalse(parses("+0960", "%z"));
        assertFalse(parses("+1900", "%z"));
    }

    @Test
    void acceptsUtcGmtAndTheEngineZoneAbbreviationForPercentCapitalZ() {
        assertNull(parse("10:00 UTC", "%H:%M %Z").offset());
        assertEquals(LocalTime.of(10, 0), parse("10:00 GMT", "%H:%M %Z").time());
        assertEquals(LocalTime.of(10, 0), parse("10:00 JST", "%H:%M %Z").time());
        assertFalse(parses("10:00 CET", "%H:%M %Z"));
        assertEquals(LocalTime.of(10, 0),
                TemporalParser.parse("10:00 CEST", "%H:%M %Z", PARIS).orElseThrow().time());
    }

    @Test
    void matchesFormatWhitespaceWithOneOrMoreWhitespaceCharacters() {
        assertEquals(LocalTime.of(10, 5), parse("10 \t 05", "%H %M").time());
        assertEquals(LocalTime.of(10, 5), parse("10 05", "%H  %M").time());
        assertFalse(parses("1005", "%H %M"));
    }

    @Test
    void matchesOtherCharactersLiterallyAndConsumesTheWholeText() {
        assertEquals(LocalTime.of(10, 5), parse("10h05%", "%Hh%M%%").time());
        assertFalse(parses("10H05", "%Hh%M"));
        assertFalse(parses("10h05 ", "%Hh%M"));
        assertFalse(parses(" 10h05", "%Hh%M"));
        assertFalse(parses("10.05", "%H+%M"));
        assertEquals(LocalTime.of(10, 5), parse("10.05", "%H.%M").time());
        assertFalse(parses("10x05", "%H.%M"));
    }

    @Test
    void rejectsDatesThatDoNotExist() {
        assertFalse(parses("29.02.2023", "%d.%m.%Y"));
        assertFalse(parses("31.04.2024", "%d.%m.%Y"));
        assertFalse(parses("0000", "%Y"));
        assertFalse(parses("60", "%S"));
    }

    @Test
    void letsALaterDirectiveWin() {
        assertEquals(2024, parse("1999 2024", "%Y %Y").date().getYear());
        assertEquals(15, parse("03 15", "%I %H").time().getHour());
    }

    @Test
    void rejectsDirectivesOutsideTheParsingSubset() {
        TemporalParser.BadFormatException bad = assertThrows(TemporalParser.BadFormatException.class,
                () -> TemporalParser.parse("2024", "%Y%q", TOKYO));
        assertEquals("'%q' is a bad directive in format '%Y%q'", bad.getMessage());
        assertThrows(TemporalParser.BadFormatException.class, () -> TemporalParser.parse("20", "%C", TOKYO));
        assertThrows(TemporalParser.BadFormatException.class, () -> TemporalParser.parse("1", "%w", TOKYO));
        TemporalParser.BadFormatException stray = assertThrows(TemporalParser.BadFormatException.class,
                () -> TemporalParser.parse("2024%", "%Y%", TOKYO));
        assertEquals("stray % in format '%Y%'", stray.getMessage());
    }

    private static LocalDateTime at(TemporalParser.Parsed p) {
        return LocalDateTime.of(p.date(), p.time());
    }
}
