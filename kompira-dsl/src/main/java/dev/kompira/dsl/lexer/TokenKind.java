package dev.kompira.dsl.lexer;

/** The kinds of token of language.md §2.14. */
public enum TokenKind {
    IDENTIFIER(null, "identifier"),
    SPECIAL_IDENTIFIER(null, "status variable"),
    OBJECT_PATH(null, "object path"),
    ROOT("/", "'/'"),
    STRING(null, "string literal"),
    BINARY(null, "binary literal"),
    INTEGER(null, "integer literal"),
    FLOAT(null, "float literal"),
    PATTERN(null, "pattern literal"),

    AND("and"), BREAK("break"), CASE("case"), CHOICE("choice"), CONTINUE("continue"), ELIF("elif"),
    ELSE("else"), FALSE("false"), FOR("for"), FORK("fork"), IF("if"), IN("in"), NOT("not"), NULL("null"),
    OR("or"), PFOR("pfor"), SESSION("session"), THEN("then"), TRUE("true"), TRY("try"), WHILE("while"),

    PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
    LT("<"), GT(">"), LE("<="), GE(">="), EQ("=="), NE("!="), MATCH("=~"), NOT_MATCH("!~"),

    ARROW("->"), FAT_ARROW("=>"), LONG_ARROW("->>"), LONG_FAT_ARROW("=>>"),

    LPAREN("("), RPAREN(")"), LBRACE("{"), RBRACE("}"), LBRACKET("["), RBRACKET("]"), PIPE("|"),
    COMMA(","), DOT("."), ASSIGN("="), GT_GT(">>"), LT_LT("<<"), QUESTION("?"), DOUBLE_QUESTION("??"),
    COLON(":"), DOUBLE_STAR("**"),

    EOF(null, "end of input");

    private final String spelling;
    private final String description;

    TokenKind(String spelling) {
        this(spelling, "'" + spelling + "'");
    }

    TokenKind(String spelling, String description) {
        this.spelling = spelling;
        this.description = description;
    }

    /** Returns the fixed spelling of this kind of token, or {@code null} when it varies (literals, names). */
    public String spelling() {
        return spelling;
    }

    /** Returns how messages name this kind of token, e.g. {@code '->'} or {@code string literal}. */
    public String description() {
        return description;
    }

    /** Returns whether this is one of the 21 reserved words. */
    public boolean isKeyword() {
        return ordinal() >= AND.ordinal() && ordinal() <= WHILE.ordinal();
    }

    /** Returns whether this is one of the four connectors. */
    public boolean isConnector() {
        return this == ARROW || this == FAT_ARROW || this == LONG_ARROW || this == LONG_FAT_ARROW;
    }

    /**
     * Returns whether a token of this kind can end an operand; after such a token a lone {@code /}
     * is the division operator (decision D5).
     */
    public boolean endsOperand() {
        switch (this) {
            case IDENTIFIER: case SPECIAL_IDENTIFIER: case OBJECT_PATH: case ROOT:
            case STRING: case BINARY: case INTEGER: case FLOAT: case PATTERN:
            case TRUE: case FALSE: case NULL:
            case RPAREN: case RBRACKET: case RBRACE:
                return true;
            default:
                return false;
        }
    }

    /** Returns the keyword spelled {@code word}, or {@code null} if it is not a keyword. */
    public static TokenKind keyword(String word) {
        switch (word) {
            case "and": return AND;
            case "break": return BREAK;
            case "case": return CASE;
            case "choice": return CHOICE;
            case "continue": return CONTINUE;
            case "elif": return ELIF;
            case "else": return ELSE;
            case "false": return FALSE;
            case "for": return FOR;
            case "fork": return FORK;
            case "if": return IF;
            case "in": return IN;
            case "not": return NOT;
            case "null": return NULL;
            case "or": return OR;
            case "pfor": return PFOR;
            case "session": return SESSION;
            case "then": return THEN;
            case "true": return TRUE;
            case "try": return TRY;
            case "while": return WHILE;
            default: return null;
        }
    }
}
