package dev.kompira.core.value.pattern;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public boolean matches(String subject) {
        return find(subject) != null;
    }

    @Override
    public Optional<RegexMatch> search(String subject) {
        Matcher m = find(subject);
        if (m == null) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.group(i));
        }
        Map<String, String> named = new LinkedHashMap<>();
        namedGroups.forEach((name, javaName) -> named.put(name, m.group(javaName)));
        return Optional.of(new RegexMatch(m.group(), groups, named, subject.codePointCount(0, m.start()),
                subject.codePointCount(0, m.end())));
    }

    /** Returns the matcher positioned on the first match, or {@code null}. */
    private Matcher find(String text) {
        Matcher m = pattern.matcher(new InterruptibleCharSequence(text));
        return m.find() ? m : null;
    }
}
