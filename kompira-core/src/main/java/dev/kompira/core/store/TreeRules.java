package dev.kompira.core.store;

import dev.kompira.dsl.lexer.CharClass;
import dev.kompira.dsl.lexer.TokenKind;

/**
 * The structural rules of the object tree (objects.md §1.2, §2.2, §4.2) and the messages that
 * report their breaking, shared by the stores so that every store reports a broken rule alike
 * (the contract tests compare the messages). A message names the object path concerned and the
 * rule, e.g. {@code /user: name '1abc' is not a valid object name (it must not start with a digit)}.
 *
 * <p>Lengths are counted in Unicode code points, as Kompira (Python) counts characters.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class TreeRules {

    /** The most characters a name may have. */
    public static final int MAX_NAME_LENGTH = 128;

    /** The most characters an absolute path may have. */
    public static final int MAX_PATH_LENGTH = 1024;

    /** The root's path. */
    public static final String ROOT_PATH = "/";

    /** How many characters of an offending name a message shows. */
    private static final int SHOWN_NAME_LENGTH = 64;

    private TreeRules() {
    }

    /**
     * Checks that {@code name} may name a child of the container at {@code parentPath}: the
     * characters of a jobflow identifier (letters of any script, digits, {@code _}, as the lexer's
     * {@link CharClass} defines them), no leading digit, not a keyword, at most
     * {@value #MAX_NAME_LENGTH} characters. So {@code .}, {@code ..}, {@code /}, NUL and the empty
     * string are refused too.
     *
     * @throws StoreException naming {@code parentPath} and the rule broken
     */
    public static void checkName(String parentPath, String name) {
        String reason = nameProblem(name);
        if (reason != null) {
            throw new StoreException(parentPath + ": name '" + shown(name) + "' is not a valid object name (" + reason + ")");
        }
    }

    /**
     * Returns why {@code name} is not a valid object name ({@code it must not start with a digit}),
     * or null when it is one; {@link #checkName} reports the same with the parent's path.
     */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            return "it is " + length + " characters long; the limit is " + MAX_NAME_LENGTH;
        }
        if (CharClass.isAsciiDigit(name.charAt(0))) {
            return "it must not start with a digit";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!CharClass.isWordChar(cp)) {
                return "it contains " + shownCharacter(cp) + "; only letters, digits and '_' are allowed";
            }
            i += Character.charCount(cp);
        }
        if (TokenKind.keyword(name) != null) {
            return "it is a jobflow keyword";
        }
        return null;
    }

    /** Returns the path of the child {@code name} of the container at {@code parentPath}. */
    public static String childPath(String parentPath, String name) {
        return ROOT_PATH.equals(parentPath) ? ROOT_PATH + name : parentPath + "/" + name;
    }

    /** Returns the length of {@code path} in characters (code points). */
    public static int length(String path) {
        return path.codePointCount(0, path.length());
    }

    /**
     * Checks that an absolute path of {@code length} characters is allowed.
     *
     * @throws StoreException when it is longer than {@value #MAX_PATH_LENGTH}
     */
    public static void checkPathLength(int length) {
        if (length > MAX_PATH_LENGTH) {
            throw new StoreException("path too long (" + length + " characters; the limit is " + MAX_PATH_LENGTH + ")");
        }
    }

    /** Returns the error for an id that names no object. */
    public static StoreException noObject(long id) {
        return new StoreException("no object with id " + id);
    }

    /** Returns the error for a name already taken among the children of {@code parentPath}. */
    public static StoreException nameTaken(String parentPath, String name) {
        return new StoreException(parentPath + ": an object named '" + name + "' already exists");
    }

    /** Returns the error for moving the object at {@code path} below itself. */
    public static StoreException moveIntoItself(String path) {
        return new StoreException(path + ": cannot move a container into itself or one of its descendants");
    }

    /** Returns the error for copying the object at {@code path} below itself (or copying the root). */
    public static StoreException copyIntoItself(String path) {
        return new StoreException(path + ": cannot copy a container into itself or one of its descendants");
    }

    /** Returns the error for deleting or moving the root. */
    public static StoreException rootIsFixed() {
        return new StoreException(ROOT_PATH + ": the root cannot be deleted or moved");
    }

    /** Returns the error for creating a second root. */
    public static StoreException rootExists() {
        return new StoreException(ROOT_PATH + ": the root already exists");
    }

    /** Returns the error for using an empty store as if it had a root. */
    public static StoreException noRoot() {
        return new StoreException("the store is empty: its first write must create the root (parent 0, name '')");
    }

    /** Returns the error for a write in a read transaction. */
    public static StoreException readOnly() {
        return new StoreException("read-only transaction");
    }

    /** Returns the error for a type id that can name no object (neither positive nor {@link Transaction#SELF_TYPED}). */
    public static StoreException invalidType(String parentPath, long typeId) {
        return new StoreException(parentPath + ": invalid type id " + typeId);
    }

    /** Returns the error for an update that both sets and unsets {@code field} of the object at {@code path}. */
    public static StoreException setAndUnset(String path, String field) {
        return new StoreException(path + ": field '" + field + "' is both set and unset");
    }

    /** Returns {@code name} fit for a message: control characters escaped, long names cut. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < name.length(); count++) {
            if (count == SHOWN_NAME_LENGTH) {
                return out.append("...").toString();
            }
            int cp = name.codePointAt(i);
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String shownCharacter(int cp) {
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
