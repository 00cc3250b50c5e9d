package dev.kompira.core.value.pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a regular expression matched (language.md §4.8): the matched text, each group's text (Java
 * null for a group that took no part), the named groups, and the start and end in code points.
 *
 * @param group  the whole match
 * @param groups the groups in order
 * @param named  the named groups by name, in order
 * @param start  where the match starts, in code points
 * @param end    where it ends, in code points
 */
public record RegexMatch(String group, List<String> groups, Map<String, String> named, int start, int end) {

    /** Copies the groups (which may hold nulls). */
    public RegexMatch {
        groups = Collections.unmodifiableList(new ArrayList<>(groups));
        named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    }
}
