package dev.kompira.core.object.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.value.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The qualifier JSON of one declaration (objects.md §3.6), read once into typed form. Qualifiers
 * that do not apply to the field's kind, and unknown keys, are kept in the JSON and have no effect.
 * Immutable after construction; the JSON is never handed out without copying.
 */
final class Qualifiers {

    /** The schemes a URL field accepts without a {@code schemes} qualifier. */
    static final List<String> DEFAULT_SCHEMES = List.of("http", "https", "ftp", "ftps");

    /** Python's named group {@code (?P<name>} and back reference {@code (?P=name)}, which Java spells differently. */
    private static final Pattern PYTHON_GROUP = Pattern.compile("\\(\\?P<");
    private static final Pattern PYTHON_BACKREFERENCE = Pattern.compile("\\(\\?P=(\\w+)\\)");

    final ObjectNode json;
    final JsonNode defaultValue;
    final JsonNode enumQualifier;
    final List<EnumChoice> staticEnum;
    final Pattern pattern;
    final Integer minLength;
    final Integer maxLength;
    final boolean strip;
    final boolean keyStrip;
    final boolean noEmpty;
    final boolean invisible;
    final JsonNode minValue;
    final JsonNode maxValue;
    final List<String> schemes;

    /**
     * Reads {@code json}.
     *
     * @throws FieldTypeException when an enforced qualifier has a form §3.6 does not allow; the
     *                            message starts with {@code where}
     */
    Qualifiers(ObjectNode json, String where) {
        this.json = json;
        this.defaultValue = json.get("default");
        this.enumQualifier = present(json.get("enum"));
        this.staticEnum = enumQualifier != null && enumQualifier.isArray() ? choices(enumQualifier, where) : null;
        if (enumQualifier != null && !(enumQualifier.isArray() || enumQualifier.isTextual() || enumQualifier.isObject())) {
            throw new FieldTypeException(where + "'enum' must be a list, a reference string or a switch dictionary");
        }
        this.pattern = pattern(present(json.get("pattern")), where);
        this.minLength = length(present(json.get("min_length")), "min_length", where);
        this.maxLength = length(present(json.get("max_length")), "max_length", where);
        this.strip = flag("strip");
        this.keyStrip = flag("key_strip");
        this.noEmpty = flag("no_empty");
        this.invisible = flag("invisible");
        this.minValue = number(present(json.get("min_value")), "min_value", where);
        this.maxValue = number(present(json.get("max_value")), "max_value", where);
        this.schemes = schemes(present(json.get("schemes")), where);
    }

    /** Returns the qualifier value, or Java {@code null} when absent or JSON null (both mean "no restriction"). */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /**
     * Reads a Boolean qualifier. Besides {@code true}, a non-zero number and the text {@code "true"}
     * count as true, so that a declaration written by hand with {@code 1} still works.
     */
    private boolean flag(String name) {
        JsonNode node = present(json.get(name));
        return node != null && node.asBoolean();
    }

    static List<EnumChoice> choices(JsonNode list, String where) {
        List<EnumChoice> choices = new ArrayList<>();
        for (JsonNode entry : list) {
            if (entry.isValueNode() && !entry.isNull()) {
                choices.add(new EnumChoice(entry.asText(), entry.asText()));
            } else if (entry.isArray() && entry.size() > 0 && entry.get(0).isValueNode() && !entry.get(0).isNull()) {
                String data = entry.get(0).asText();
                String label = entry.size() > 1 && entry.get(1).isValueNode() ? entry.get(1).asText() : data;
                choices.add(new EnumChoice(data, label));
            } else {
                throw new FieldTypeException(where + "'enum' entry " + entry + " is neither a value nor a [data, label] pair");
            }
        }
        return List.copyOf(choices);
    }

    private static Pattern pattern(JsonNode node, String where) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new FieldTypeException(where + "'pattern' must be a string");
        }
        String javaSyntax = PYTHON_GROUP.matcher(node.asText()).replaceAll("(?<");
        javaSyntax = PYTHON_BACKREFERENCE.matcher(javaSyntax).replaceAll(m -> Matcher.quoteReplacement("\\k<" + m.group(1) + ">"));
        try {
            return Pattern.compile(javaSyntax);
        } catch (PatternSyntaxException e) {
            throw new FieldTypeException(where + "'pattern' is not a valid regular expression: " + e.getDescription());
        }
    }

    private static Integer length(JsonNode node, String name, String where) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new FieldTypeException(where + "'" + name + "' must be a non-negative integer");
        }
        return node.intValue();
    }

    private static JsonNode number(JsonNode node, String name, String where) {
        if (node != null && !node.isNumber()) {
            throw new FieldTypeException(where + "'" + name + "' must be a number");
        }
        return node;
    }

    private static List<String> schemes(JsonNode node, String where) {
        if (node == null) {
            return DEFAULT_SCHEMES;
        }
        List<String> schemes = new ArrayList<>();
        if (node.isTextual()) {
            schemes.add(node.asText().toLowerCase(Locale.ROOT));
        } else if (node.isArray()) {
            for (JsonNode entry : node) {
                if (!entry.isTextual()) {
                    throw new FieldTypeException(where + "'schemes' must hold strings");
                }
                schemes.add(entry.asText().toLowerCase(Locale.ROOT));
            }
        } else {
            throw new FieldTypeException(where + "'schemes' must be a string or a list of strings");
        }
        return List.copyOf(schemes);
    }

    /** Returns a numeric bound as the jobflow language writes the number ({@code 65535}, {@code 0.5}). */
    static String text(JsonNode bound) {
        return bound.isIntegralNumber() ? bound.bigIntegerValue().toString() : Rendering.formatFloat(bound.doubleValue());
    }
}
