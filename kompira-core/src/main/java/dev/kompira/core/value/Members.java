package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.dsl.Internal;

/**
 * Attribute references {@code x.name}, subscripts {@code x[e]} and method calls on values
 * (language.md §7.4). A method named without a call yields a {@link MethodValue}.
 */
@Internal
public final class Members {

    private Members() {
    }

    /** Evaluates {@code target.name}. */
    public static Value attribute(Value target, String name) {
        if (target instanceof DictionaryValue d) {
            if (CollectionMethods.DICTIONARY.contains(name)) {
                return new MethodValue(target, name);
            }
            Value v = d.get(name);
            if (v == null) {
                throw new JobflowError(ErrorCode.R_KEY, "key not found: " + Rendering.quoted(name));
            }
            return v;
        }
        if (target instanceof FileValue file) {
            return fileMember(file, name);
        }
        if (target instanceof ExternalValue e) {
            return e instanceof Attributed a ? a.attribute(name) : noAttribute(target, name);
        }
        Value property = TemporalMembers.property(target, name);
        if (property != null) {
            return property;
        }
        if (hasMethod(target, name)) {
            return new MethodValue(target, name);
        }
        return noAttribute(target, name);
    }

    /** The members of a File value (language.md §4.13): name, data, size, url. */
    private static Value fileMember(FileValue file, String name) {
        switch (name) {
            case "name":
                return StringValue.of(file.name());
            case "data":
                return file.data();
            case "size":
                return IntegerValue.of(file.size());
            case "url":
                return file.url() == null ? NullValue.NULL : StringValue.of(file.url());
            default:
                throw new JobflowError(ErrorCode.R_ATTRIBUTE, "File value has no member '" + name + "'");
        }
    }

    private static Value noAttribute(Value target, String name) {
        throw new JobflowError(ErrorCode.R_ATTRIBUTE, target.typeName() + " value has no attribute '" + name + "'");
    }

    /** Returns whether {@code receiver} has a method {@code name}. */
    public static boolean hasMethod(Value receiver, String name) {
        if (receiver instanceof ArrayValue) {
            return CollectionMethods.ARRAY.contains(name);
        }
        if (receiver instanceof DictionaryValue) {
            return CollectionMethods.DICTIONARY.contains(name);
        }
        if (receiver instanceof StringValue) {
            return StringMethods.NAMES.contains(name);
        }
        if (receiver instanceof BinaryValue) {
            return BinaryMethods.NAMES.contains(name);
        }
        if (receiver instanceof PatternValue) {
            return name.equals("match");
        }
        return TemporalMembers.hasMethod(receiver, name);
    }

    /** Calls method {@code name} of {@code receiver}. */
    public static Value call(Value receiver, String name, Arguments arguments) {
        if (receiver instanceof ArrayValue a && CollectionMethods.ARRAY.contains(name)) {
            return CollectionMethods.callArray(a, name, arguments);
        }
        if (receiver instanceof DictionaryValue d && CollectionMethods.DICTIONARY.contains(name)) {
            return CollectionMethods.callDictionary(d, name, arguments);
        }
        if (receiver instanceof StringValue s && StringMethods.NAMES.contains(name)) {
            return StringMethods.call(s, name, arguments);
        }
        if (receiver instanceof BinaryValue b && BinaryMethods.NAMES.contains(name)) {
            return BinaryMethods.call(b, name, arguments);
        }
        if (receiver instanceof PatternValue p && name.equals("match")) {
            return p.match(dev.kompira.core.value.Signature.parse("match(s)").bind(arguments).get("s"));
        }
        if (TemporalMembers.hasMethod(receiver, name)) {
            return TemporalMembers.call(receiver, name, arguments);
        }
        if (receiver instanceof Attributed a) {
            return a.call(name, arguments);
        }
        return noAttribute(receiver, name);
    }

    /** Evaluates {@code target[index]}. */
    public static Value subscript(Value target, Value index) {
        if (target instanceof ArrayValue a) {
            return a.get(CollectionMethods.index(a.size(), index));
        }
        if (target instanceof DictionaryValue d) {
            if (index instanceof ArrayValue || index instanceof DictionaryValue) {
                throw new JobflowError(ErrorCode.R_TYPE, "unhashable key type '" + index.typeName() + "'");
            }
            Value v = d.get(index);
            if (v == null) {
                throw new JobflowError(ErrorCode.R_KEY, "key not found: " + Rendering.nested(index));
            }
            return v;
        }
        if (target instanceof FileValue file && index instanceof StringValue member) {
            return fileMember(file, member.value());
        }
        if (target instanceof Attributed a) {
            return a.subscript(index);
        }
        throw new JobflowError(ErrorCode.R_SUBSCRIPT, target.typeName() + " value is not subscriptable");
    }
}
