package dev.kompira.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firing rule of objects.md §5.3 on the documentation's examples, its special day forms and its errors. */
class ScheduleRuleTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static ScheduleFields fields(String year, String month, String day, String week, String dayOfWeek, String hour,
            String minute) {
        return new ScheduleFields(year, month, day, week, dayOfWeek, hour, minute);
    }

    /** The next {@code n} firings after {@code from}, as local date-times. */
    private static List<String> firings(ScheduleFields f, String from, int n, ZoneId zone) {
        ScheduleRule rule = ScheduleRule.of(f);
        List<String> out = new ArrayList<>();
        ZonedDateTime t = LocalDateTime.parse(from).atZone(zone);
        for (int i = 0; i < n; i++) {
            t = rule.nextAfter(t).orElseThrow();
            out.add(t.toLocalDateTime().toString());
        }
        return out;
    }

    @Test
    void decemberOnItsFirstMondayAndItsLastFridayAtMidnight() {
        assertEquals(List.of("2026-12-07T00:00", "2026-12-25T00:00", "2027-12-06T00:00", "2027-12-31T00:00"),
                firings(fields(null, "12", "1st mon,last fri", null, null, null, null), "2026-01-01T00:00", 4, TOKYO));
    }

    @Test
    void everyHourOnWeekdays() {
        assertEquals(List.of("2026-12-04T23:00", "2026-12-07T00:00", "2026-12-07T01:00"),
                firings(fields(null, null, null, null, "mon-fri", "*", null), "2026-12-04T22:15", 3, TOKYO));
    }

    @Test
    void everyYearAtMidnightOnTheFirstOfJanuary() {
        assertEquals(List.of("2027-01-01T00:00", "2028-01-01T00:00"),
                firings(fields("*", null, null, null, null, null, null), "2026-06-15T12:00", 2, TOKYO));
    }

    @Test
    void stepsRangesListsAndTheLastDay() {
        assertEquals(List.of("2026-12-07T09:00", "2026-12-07T09:15", "2026-12-07T09:30", "2026-12-07T09:45", "2026-12-07T17:00"),
                firings(fields(null, null, null, null, null, "9-17/8", "*/15"), "2026-12-07T08:59", 5, TOKYO));
        assertEquals(List.of("2027-02-28T00:00", "2027-03-31T00:00", "2028-02-29T00:00"),
                firings(fields(null, "2,3", "last", null, null, null, null), "2027-01-01T00:00", 3, TOKYO));
        assertEquals(List.of("2026-12-31T23:59"), firings(fields(null, null, "last", null, null, "23", "59"), "2026-12-07T00:00", 1, TOKYO));
    }

    @Test
    void theIsoWeekAndDaysByName() {
        // ISO week 1 of 2027 starts on Monday 4 January
        assertEquals(List.of("2027-01-04T09:00", "2028-01-03T09:00"),
                firings(fields(null, null, null, "1", "mon", "9", null), "2026-12-07T00:00", 2, TOKYO));
    }

    @Test
    void aOneOffScheduleFiresOnceThenNever() {
        ScheduleRule once = ScheduleRule.of(ScheduleFields.once(LocalDateTime.parse("2026-12-24T18:30")));
        ZonedDateTime at = once.nextAfter(LocalDateTime.parse("2026-12-07T10:00").atZone(TOKYO)).orElseThrow();
        assertEquals("2026-12-24T18:30", at.toLocalDateTime().toString());
        assertTrue(once.nextAfter(at).isEmpty());
    }

    @Test
    void aDaylightSavingGapSkipsItsMinutesAndARepeatedHourFiresOnce() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 29 March 2026: 02:00-02:59 do not exist; 25 October 2026: 02:00-02:59 happen twice
        assertEquals(List.of("2026-03-28T02:30", "2026-03-30T02:30"),
                firings(fields(null, null, null, null, null, "2", "30"), "2026-03-28T00:00", 2, berlin));
        ScheduleRule rule = ScheduleRule.of(fields(null, null, null, null, null, "2", "30"));
        ZonedDateTime first = rule.nextAfter(LocalDateTime.parse("2026-10-25T00:00").atZone(berlin)).orElseThrow();
        ZonedDateTime next = rule.nextAfter(first).orElseThrow();
        assertEquals("2026-10-25T02:30+02:00", first.toOffsetDateTime().toString());
        assertEquals("2026-10-26T02:30+01:00", next.toOffsetDateTime().toString());
    }

    @Test
    void aRuleThatCanNeverMatchHasNoNextFiring() {
        assertTrue(ScheduleRule.of(fields(null, "2", "30", null, null, null, null)).nextAfter(ZonedDateTime.now(TOKYO)).isEmpty());
        assertTrue(ScheduleRule.of(fields("2020", null, null, null, null, null, null)).nextAfter(ZonedDateTime.now(TOKYO)).isEmpty());
    }

    @Test
    void matchesLooksAtTheMinute() {
        ScheduleRule rule = ScheduleRule.of(fields(null, null, null, null, "sat,sun", "10", "0"));
        assertTrue(rule.matches(LocalDateTime.parse("2026-12-12T10:00:42")));
        assertFalse(rule.matches(LocalDateTime.parse("2026-12-11T10:00")));
        assertFalse(rule.matches(LocalDateTime.parse("2026-12-12T10:01")));
    }

    @Test
    void badFieldsSayWhichFieldAndWhatIsWrong() {
        assertEquals("a schedule needs at least one of year, month, day, week, day_of_week, hour, minute",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, null, null, null, null, null))).getMessage());
        assertEquals("hour: 24 is out of range 0-23",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, null, null, null, "24", null))).getMessage());
        assertEquals("minute: the range 30-10 runs backwards",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, null, null, null, null, "30-10"))).getMessage());
        assertEquals("day: '6th mon' is not a time expression (*, */a, a, a-b, a-b/c, lists, 1st mon, last fri, last)",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, "6th mon", null, null, null, null))).getMessage());
        assertEquals("day_of_week: 'funday' is not a time expression (*, */a, a, a-b, a-b/c, lists)",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, null, null, "funday", null, null))).getMessage());
        assertEquals("minute: 0 is out of range 1-",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, null, null, null, null, null, "*/0"))).getMessage());
        assertEquals("month: ' 2' is not a time expression (*, */a, a, a-b, a-b/c, lists)",
                assertThrows(ScheduleException.class, () -> ScheduleRule.of(fields(null, "1, 2", null, null, null, null, null))).getMessage());
    }
}
