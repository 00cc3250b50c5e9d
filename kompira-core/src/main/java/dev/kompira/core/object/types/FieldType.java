package dev.kompira.core.object.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed field declaration {@code Type[<Elem>][#json]} (objects.md §3.5) with typed access to the
 * qualifiers of §3.6 and the write conversion of §3.7.
 *
 * <p>Parsing splits at the first {@code #}; the type part is trimmed; {@code Array} and
 * {@code Dictionary} without an element type mean {@code <String>}; an element type is allowed only
 * on them and only for the kinds of §3.2. The qualifier part, trimmed, must be empty or one JSON
 * object. {@link #declaration()} returns the text exactly as given, so that exports are byte-stable.
 *
 * <p>Qualifiers that need the object tree are exposed raw: {@code object}, {@code directory} and
 * {@code filter} (checked through {@link ConversionContext#objectRestriction}), and {@code enum}
 * in its reference, dependent and switch forms (resolved through
 * {@link ConversionContext#resolveEnum}; unresolvable ones are skipped). Only static {@code enum}
 * lists are enforced here.
 *
 * <p>Immutable and thread-safe. Two FieldTypes are equal when their declaration text and parsed
 * kind are equal.
 */
public final class FieldType {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(JsonNode.class);
    private static final JsonNodeFactory JSON_FACTORY = JsonNodeFactory.instance;
    /** {@code Name} or {@code Name<Elem>}, spaces allowed around the angle brackets. */
    private static final Pattern TYPE = Pattern.compile("(\\w+)(?:\\s*<\\s*(\\w*)\\s*>)?");

    private final String declaration;
    private final FieldKind kind;
    private final FieldKind element;
    private final Qualifiers qualifiers;
    private final String warning;

    private FieldType(String declaration, FieldKind kind, FieldKind element, Qualifiers qualifiers, String warning) {
        this.declaration = declaration;
        this.kind = kind;
        this.element = element;
        this.qualifiers = qualifiers;
        this.warning = warning;
    }

    /**
     * Parses a declaration.
     *
     * @throws FieldTypeException for an unknown type name, a misplaced or disallowed element type,
     *                            qualifiers that are not one JSON object, or an enforced qualifier
     *                            of the wrong form (e.g. an invalid {@code pattern})
     */
    public static FieldType parse(String declaration) {
        Objects.requireNonNull(declaration, "declaration");
        int hash = declaration.indexOf('#');
        String typePart = (hash < 0 ? declaration : declaration.substring(0, hash)).strip();
        String jsonPart = hash < 0 ? "" : declaration.substring(hash + 1).strip();
        String where = "field type '" + declaration + "': ";
        Matcher m = TYPE.matcher(typePart);
        if (!m.matches()) {
            throw new FieldTypeException(where + "'" + typePart + "' is not a type name");
        }
        FieldKind kind = kindNamed(m.group(1), where);
        FieldKind element = elementOf(kind, m.group(2), where);
        return new FieldType(declaration, kind, element, new Qualifiers(qualifierJson(jsonPart, where), where), null);
    }

    /**
     * Parses a declaration read from an import or a stored type (§3.5 rule 3): when
     * {@link #parse} would fail, returns a {@code String} field without qualifiers that keeps the
     * declaration text verbatim and carries the reason in {@link #warning()}.
     */
    public static FieldType parseLenient(String declaration) {
        try {
            return parse(declaration);
        } catch (FieldTypeException e) {
            return new FieldType(declaration, FieldKind.STRING, null,
                    new Qualifiers(JSON_FACTORY.objectNode(), ""), e.getMessage() + "; the field is treated as String");
        }
    }

    private static FieldKind kindNamed(String name, String where) {
        return FieldKind.byTypeName(name)
                .orElseThrow(() -> new FieldTypeException(where + "unknown field type '" + name + "'"));
    }

    private static FieldKind elementOf(FieldKind kind, String elementName, String where) {
        if (elementName == null) {
            return kind.isContainer() ? FieldKind.STRING : null;
        }
        if (!kind.isContainer()) {
            throw new FieldTypeException(where + "only Array and Dictionary take an element type");
        }
        FieldKind element = kindNamed(elementName, where);
        if (!element.isElementKind()) {
            throw new FieldTypeException(where + "'" + element + "' is not allowed as an element type");
        }
        return element;
    }

    private static ObjectNode qualifierJson(String text, String where) {
        if (text.isEmpty()) {
            return JSON_FACTORY.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.readValue(text);
        } catch (JsonProcessingException e) {
            throw new FieldTypeException(where + "invalid qualifier JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new FieldTypeException(where + "the qualifiers must be a JSON object");
        }
        return object;
    }

    /** Returns the declaration exactly as it was given. */
    public String declaration() {
        return declaration;
    }

    /** Returns the field's kind ({@link FieldKind#STRING} for a lenient fallback). */
    public FieldKind kind() {
        return kind;
    }

    /** Returns the element kind of an Array or Dictionary field ({@code String} when not written); empty otherwise. */
    public Optional<FieldKind> element() {
        return Optional.ofNullable(element);
    }

    /** Returns a copy of the qualifier JSON object (empty when there are none). */
    public ObjectNode qualifiers() {
        return qualifiers.json.deepCopy();
    }

    /** Returns why {@link #parseLenient} fell back to String, or empty for a valid declaration. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** Returns a copy of the raw {@code default} qualifier (JSON null included), or empty when absent. */
    public Optional<JsonNode> defaultJson() {
        return copy(qualifiers.defaultValue);
    }

    /**
     * Returns the choices of a static {@code enum} list; empty when the qualifier is absent or one of
     * the forms that need the tree (see {@link #enumQualifier()}).
     */
    public Optional<List<EnumChoice>> enumChoices() {
        return Optional.ofNullable(qualifiers.staticEnum);
    }

    /** Returns a copy of the raw {@code enum} qualifier in any form, or empty when absent or null. */
    public Optional<JsonNode> enumQualifier() {
        return copy(qualifiers.enumQualifier);
    }

    /** Returns the compiled {@code pattern} qualifier (searched, not matched: anchors are explicit, Decision 23). */
    public Optional<Pattern> pattern() {
        return Optional.ofNullable(qualifiers.pattern);
    }

    /** Returns the {@code min_length} qualifier, in code points. */
    public OptionalInt minLength() {
        return qualifiers.minLength == null ? OptionalInt.empty() : OptionalInt.of(qualifiers.minLength);
    }

    /** Returns the {@code max_length} qualifier, in code points. */
    public OptionalInt maxLength() {
        return qualifiers.maxLength == null ? OptionalInt.empty() : OptionalInt.of(qualifiers.maxLength);
    }

    /** Returns whether values of a text field are trimmed before they are stored ({@code strip}). */
    public boolean strip() {
        return qualifiers.strip;
    }

    /** Returns whether Dictionary keys are trimmed before they are stored ({@code key_strip}). */
    public boolean keyStrip() {
        return qualifiers.keyStrip;
    }

    /** Returns the inclusive lower bound {@code min_value}. */
    public Optional<BigDecimal> minValue() {
        return Optional.ofNullable(qualifiers.minValue).map(JsonNode::decimalValue);
    }

    /** Returns the inclusive upper bound {@code max_value}. */
    public Optional<BigDecimal> maxValue() {
        return Optional.ofNullable(qualifiers.maxValue).map(JsonNode::decimalValue);
    }

    /** Returns whether an explicit null write is refused ({@code no_empty}; Object and File fields). */
    public boolean noEmpty() {
        return qualifiers.noEmpty;
    }

    /** Returns the URL schemes accepted, lower case; {@code http https ftp ftps} without the qualifier. */
    public List<String> schemes() {
        return qualifiers.schemes;
    }

    /** Returns whether the field is hidden and its changes do not touch {@code updated} ({@code invisible}, §2.6). */
    public boolean invisible() {
        return qualifiers.invisible;
    }

    /** Returns a copy of the raw {@code object} qualifier (resolved by the object layer), or empty when absent or null. */
    public Optional<JsonNode> objectQualifier() {
        return raw("object");
    }

    /** Returns a copy of the raw {@code directory} qualifier, or empty when absent or null. */
    public Optional<JsonNode> directoryQualifier() {
        return raw("directory");
    }

    /** Returns a copy of the raw {@code filter} qualifier, or empty when absent or null. */
    public Optional<JsonNode> filterQualifier() {
        return raw("filter");
    }

    private Optional<JsonNode> raw(String name) {
        JsonNode node = qualifiers.json.get(name);
        return node == null || node.isNull() ? Optional.empty() : copy(node);
    }

    private static Optional<JsonNode> copy(JsonNode node) {
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    /** Returns whether this is a File field or a container of Files, which take no {@code default} (§3.3). */
    public boolean isFileKind() {
        return kind == FieldKind.FILE || element == FieldKind.FILE;
    }

    Qualifiers parsedQualifiers() {
        return qualifiers;
    }

    /**
     * Converts and validates {@code input} for a write to field {@code field} (objects.md §3.7):
     * convert, then {@code strip}/{@code key_strip}, then the qualifiers. Returns the value to store:
     * a fresh Array or Dictionary for containers, an {@link dev.kompira.core.store.ObjectRef} for
     * Object fields, {@link dev.kompira.core.value.NullValue#NULL} for a cleared field.
     *
     * @throws FieldValueException when the value is not acceptable; its message starts with
     *                             {@code field 'name': }
     */
    public Value convert(String field, Value input, ConversionContext ctx) {
        return FieldConversion.convert(this, field, input, ctx);
    }

    /**
     * Returns what a read of an unset field yields (§2.6): the {@code default} qualifier converted
     * by {@link #convert}, or, when there is none or it does not convert, {@link #emptyValue()}.
     * File kinds ignore {@code default}.
     */
    public Value readDefault(ConversionContext ctx) {
        if (qualifiers.defaultValue != null && !isFileKind()) {
            try {
                return convert("default", JsonValues.toValue(qualifiers.defaultValue), ctx);
            } catch (FieldValueException e) {
                // §3.6: a default that does not convert cannot be used; the type's empty value stands in.
                return emptyValue();
            }
        }
        return emptyValue();
    }

    /**
     * Returns why the {@code default} qualifier cannot be used (it does not convert, or the field is
     * a File kind), for the warning logged when a type is saved (§3.6); empty when it is usable or absent.
     */
    public Optional<String> defaultProblem(ConversionContext ctx) {
        if (qualifiers.defaultValue == null) {
            return Optional.empty();
        }
        if (isFileKind()) {
            return Optional.of("field type '" + declaration + "': File fields take no default");
        }
        try {
            convert("default", JsonValues.toValue(qualifiers.defaultValue), ctx);
            return Optional.empty();
        } catch (FieldValueException e) {
            return Optional.of("field type '" + declaration + "': unusable default: " + e.getMessage());
        }
    }

    /**
     * Returns the value an unset field without a usable default reads as (§3.1, Decision 10): {@code ""}
     * for the text kinds, Enum, IPAddress, EMail and URL; false for Boolean; a new empty Array or
     * Dictionary; null otherwise.
     */
    public Value emptyValue() {
        return FieldConversion.emptyValue(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldType t && t.declaration.equals(declaration) && t.kind == kind;
    }

    @Override
    public int hashCode() {
        return declaration.hashCode();
    }

    /** Returns the declaration text. */
    @Override
    public String toString() {
        return declaration;
    }
}
