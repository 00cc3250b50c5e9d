package dev.kompira.core.value.pattern;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression in Python's dialect, translated to {@code java.util.regex} by
 * {@link RegexTranslator} and matched by search ({@link Matcher#find()}, D31). Matching runs on an
 * {@link InterruptibleCharSequence}, so that it stops when the thread is interrupted. Immutable
 * and thread-safe.
 */
final class RegexPattern implements CompiledPattern {

    /** Compiled expressions by source; jobflows evaluate the same literal over and over. */
    private static final Map<CacheKey, RegexPattern> CACHE = new ConcurrentHashMap<>();
    /** When the cache grows past this, it is emptied (a crude bound, like Python's own cache). */
    private static final int CACHE_LIMIT = 512;

    private final Pattern pattern;
    private final Map<String, String> namedGroups;

    private record CacheKey(String text, boolean ignoreCase) {
    }

    private RegexPattern(Pattern pattern, Map<String, String> namedGroups) {
        this.pattern = pattern;
        this.namedGroups = namedGroups;
    }

    /** Returns the compiled expression; an invalid one is {@code R-REGEX}. */
    static RegexPattern of(String text, boolean ignoreCase) {
        CacheKey key = new CacheKey(text, ignoreCase);
        RegexPattern cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        RegexPattern compiled = compile(text, ignoreCase);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, compiled);
        return compiled;
    }

    private static RegexPattern compile(String text, boolean ignoreCase) {
        RegexTranslator.Translation translation = RegexTranslator.translate(text);
        int flags = Pattern.UNIX_LINES;
        if (!translation.ascii()) {
            flags |= Pattern.UNICODE_CHARACTER_CLASS;
        }
        if (ignoreCase) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        try {
            return new RegexPattern(Pattern.compile(translation.regex(), flags), translation.namedGroups());
        } catch (PatternSyntaxException e) {
            throw new JobflowError(ErrorCode.R_REGEX, "invalid regular expression: " + e.getDescription());
        }
    }

    /** Returns the Java expression (for tests and diagnostics). */
    String javaRegex() {
        return pattern.pattern();
    }

    @Override
    public boolean matches(Value subject) {
        return subject instanceof StringValue s && search(s.value()) != null;
    }

    @Override
    public Value match(Value subject) {
        if (!(subject instanceof StringValue s)) {
            return BooleanValue.FALSE;
        }
        Matcher m = search(s.value());
        return m == null ? BooleanValue.FALSE : matchDictionary(m, s.value());
    }

    /** Returns the matcher positioned on the first match, or {@code null}. */
    private Matcher search(String text) {
        Matcher m = pattern.matcher(new InterruptibleCharSequence(text));
        return m.find() ? m : null;
    }

    /** Builds the Dictionary of language.md §4.8; indexes count code points. */
    private Value matchDictionary(Matcher m, String text) {
        List<Value> groups = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(groupValue(m.group(i)));
        }
        DictionaryValue groupdict = new DictionaryValue();
        namedGroups.forEach((name, javaName) -> groupdict.put(name, groupValue(m.group(javaName))));
        DictionaryValue result = new DictionaryValue();
        result.put("group", StringValue.of(m.group()));
        result.put("groups", new ArrayValue(groups));
        result.put("groupdict", groupdict);
        result.put("start", IntegerValue.of(text.codePointCount(0, m.start())));
        result.put("end", IntegerValue.of(text.codePointCount(0, m.end())));
        return result;
    }

    private static Value groupValue(String group) {
        return group == null ? NullValue.NULL : StringValue.of(group);
    }
}
