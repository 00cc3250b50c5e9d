package dev.kompira.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link ScheduleRule#nextAfter} against the definition: the next firing is later, on a whole minute,
 * matches the rule, and no minute between matches it (checked minute by minute over short gaps).
 */
class ScheduleRulePropertiesTest {

    private static final List<String> MINUTES = List.of("*", "0", "*/7", "15-45/10", "5,50", "59");
    private static final List<String> HOURS = List.of("*", "0", "9-17", "*/5", "23", "1,13");
    private static final List<String> DAYS_OF_WEEK = List.of("*", "mon-fri", "sat,sun", "3", "0-6/2");
    private static final List<String> DAYS = List.of("*", "1", "last", "1st mon", "last fri", "10-20");
    private static final ZoneId[] ZONES = {ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/Berlin"),
        ZoneId.of("America/New_York")};

    private static <T> Gen<T> oneOf(List<T> values) {
        return integers().between(0, values.size() - 1).map(values::get);
    }

    /** Rules that fire often enough to check minute by minute (a named weekday of the month takes no other weekdays). */
    private static Gen<ScheduleFields> frequentRules() {
        return oneOf(DAYS).zip(oneOf(DAYS_OF_WEEK), oneOf(HOURS), oneOf(MINUTES),
                (day, dow, hour, minute) -> new ScheduleFields(null, null, day, null, day.contains(" ") ? "*" : dow, hour, minute));
    }

    private static Gen<ZonedDateTime> times() {
        // 2000 to 2100, with seconds
        return longs().between(946_684_800L, 4_102_444_800L).zip(integers().between(0, ZONES.length - 1),
                (seconds, zone) -> Instant.ofEpochSecond(seconds).atZone(ZONES[zone]));
    }

    @Test
    void theNextFiringIsTheFirstMatchingMinuteAfter() {
        qt().withExamples(300).forAll(frequentRules(), times()).checkAssert((fields, after) -> {
            ScheduleRule rule = ScheduleRule.of(fields);
            Optional<ZonedDateTime> next = rule.nextAfter(after);
            assertTrue(next.isPresent(), fields + " never fires after " + after);
            ZonedDateTime at = next.get();
            assertTrue(at.isAfter(after), at + " is not after " + after);
            assertEquals(0, at.getSecond() + at.getNano());
            assertTrue(rule.matches(at.toLocalDateTime()), fields + " does not match " + at);
            LocalDateTime minute = after.toLocalDateTime().withSecond(0).withNano(0).plusMinutes(1);
            for (int checked = 0; minute.isBefore(at.toLocalDateTime()) && checked < 3 * 24 * 60; checked++) {
                boolean exists = !after.getZone().getRules().getValidOffsets(minute).isEmpty();
                assertFalse(exists && rule.matches(minute), fields + " matches " + minute + ", before " + at);
                minute = minute.plusMinutes(1);
            }
        });
    }

    @Test
    void firingsFollowOneAnotherWithoutRepeating() {
        qt().withExamples(100).forAll(frequentRules(), times()).checkAssert((fields, after) -> {
            ScheduleRule rule = ScheduleRule.of(fields);
            ZonedDateTime t = after;
            for (int i = 0; i < 5; i++) {
                ZonedDateTime next = rule.nextAfter(t).orElseThrow();
                assertTrue(next.toInstant().isAfter(t.toInstant()));
                t = next;
            }
        });
    }
}
