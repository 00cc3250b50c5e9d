package dev.kompira.core.value.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code Pattern.match} of a regular expression (language.md §4.8) and interruptible matching (Appendix B). */
class RegexMatchTest {

    private static PatternValue regex(String text) {
        return PatternValue.of(PatternKind.REGEX, text, false);
    }

    private static DictionaryValue match(String regex, String subject) {
        return assertInstanceOf(DictionaryValue.class, regex(regex).match(StringValue.of(subject)));
    }

    @Test
    void languageSpecExample() {
        Value m = Members.call(regex("(?P<user>\\w+)@(?P<host>[\\w.]+)"), "match",
                Arguments.of(StringValue.of("mail: root@db01.local")));
        assertEquals("root@db01.local", Rendering.text(Members.attribute(m, "group")));
        assertEquals("['root', 'db01.local']", Rendering.text(Members.attribute(m, "groups")));
        assertEquals("db01.local", Rendering.text(Members.attribute(Members.attribute(m, "groupdict"), "host")));
        assertEquals("6 21", Rendering.text(Members.attribute(m, "start")) + " "
                + Rendering.text(Members.attribute(m, "end")));
    }

    @Test
    void dictionaryHasExactlyTheSpecifiedKeysInOrder() {
        DictionaryValue m = match("b(c)?", "abd");
        assertEquals(List.of("group", "groups", "groupdict", "start", "end"),
                m.keys().stream().map(Rendering::text).toList());
    }

    @Test
    void nonParticipatingGroupsAreNull() {
        DictionaryValue m = match("(?P<x>a)|(?P<y>b)", "b");
        ArrayValue groups = (ArrayValue) m.get("groups");
        assertSame(NullValue.NULL, groups.get(0));
        assertEquals(StringValue.of("b"), groups.get(1));
        DictionaryValue groupdict = (DictionaryValue) m.get("groupdict");
        assertEquals(List.of("x", "y"), groupdict.keys().stream().map(Rendering::text).toList());
        assertSame(NullValue.NULL, groupdict.get("x"));
    }

    @Test
    void unnamedGroupsAreNotInGroupdict() {
        DictionaryValue m = match("(a)(?P<n>b)(?:c)", "abc");
        assertEquals(2, ((ArrayValue) m.get("groups")).size());
        assertEquals(1, ((DictionaryValue) m.get("groupdict")).size());
    }

    @Test
    void indexesCountCodePoints() {
        DictionaryValue m = match("b+", "😀😀abb!");
        assertEquals(IntegerValue.of(3), m.get("start"));
        assertEquals(IntegerValue.of(5), m.get("end"));
        DictionaryValue astral = match("😀", "a😀");
        assertEquals(IntegerValue.of(1), astral.get("start"));
        assertEquals(IntegerValue.of(2), astral.get("end"));
    }

    @Test
    void matchingIsASearch() {
        assertEquals(IntegerValue.of(4), match("\\d+", "web-03").get("start"));
        assertEquals(BooleanValue.FALSE, regex("^\\d+").match(StringValue.of("web-03")));
    }

    @Test
    void emptyMatchIsStillADictionary() {
        DictionaryValue m = match("x*", "abc");
        assertEquals(StringValue.EMPTY, m.get("group"));
        assertTrue(m.truthy());
    }

    @Test
    void nonStringSubjectsNeverMatch() {
        assertEquals(BooleanValue.FALSE, regex("4").match(IntegerValue.of(42)));
        assertFalse(regex(".*").matches(NullValue.NULL));
    }

    @Test
    void caseClauseExampleFromLanguageSpec() {
        assertTrue(regex("(?i)^cygwin").matches(StringValue.of("CYGWIN_NT-10.0")));
        assertFalse(regex("(?i)^cygwin").matches(StringValue.of("Linux")));
    }

    @Test
    void catastrophicBacktrackingIsInterruptible() throws InterruptedException {
        // Java 17 memoises simple nested loops such as (a+)+$, so one more level of nesting is used
        PatternValue evil = regex("((a+)+)+c");
        StringValue subject = StringValue.of("a".repeat(40) + "b");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                evil.matches(subject);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        worker.start();
        worker.join(Duration.ofMillis(300).toMillis());
        assertTrue(worker.isAlive(), "the match should still be running");
        long interruptedAt = System.nanoTime();
        worker.interrupt();
        worker.join(Duration.ofSeconds(1).toMillis());
        assertFalse(worker.isAlive(), "the match should stop within a second");
        assertTrue(System.nanoTime() - interruptedAt < Duration.ofSeconds(1).toNanos());
        JobflowError error = assertInstanceOf(JobflowError.class, outcome.get());
        assertEquals(ErrorCode.R_VALUE, error.code());
        assertEquals("pattern match interrupted", error.getMessage());
    }

    @Test
    void interruptFlagIsLeftSetForTheCaller() {
        Thread.currentThread().interrupt();
        try {
            JobflowError error = assertThrows(JobflowError.class,
                    () -> regex("((a+)+)+c").matches(StringValue.of("a".repeat(40) + "b")));
            assertEquals("pattern match interrupted", error.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
