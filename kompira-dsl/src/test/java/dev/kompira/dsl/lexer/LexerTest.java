package dev.kompira.dsl.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.dsl.ast.PatternKind;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.source.SourceText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private List<Token> lex(String text) {
        DiagnosticCollector collector = new DiagnosticCollector(new SourceText("t.kjf", text));
        Lexer lexer = new Lexer(collector);
        List<Token> tokens = new ArrayList<>();
        for (Token token = lexer.next(); token.kind() != TokenKind.EOF; token = lexer.next()) {
            tokens.add(token);
        }
        diagnostics.addAll(collector.sorted());
        return tokens;
    }

    private String kinds(String text) {
        return lex(text).stream().map(t -> t.kind().name()).collect(Collectors.joining(" "));
    }

    private Object onlyValue(String text) {
        List<Token> tokens = lex(text);
        assertEquals(1, tokens.size(), () -> "tokens of " + text + ": " + tokens);
        return tokens.get(0).value();
    }

    private List<ErrorCode> codes() {
        return diagnostics.stream().map(Diagnostic::code).collect(Collectors.toList());
    }

    @Test
    void scansLongestOperatorsFirst() {
        assertEquals("LONG_ARROW ARROW MINUS LONG_FAT_ARROW FAT_ARROW EQ MATCH ASSIGN DOUBLE_QUESTION QUESTION "
                + "GT_GT GE GT LT_LT LE LT DOUBLE_STAR STAR NE NOT_MATCH",
                kinds("->> -> - =>> => == =~ = ?? ? >> >= > << <= < ** * != !~"));
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void scansDelimitersAndKeywords() {
        assertEquals("LPAREN RPAREN LBRACE RBRACE LBRACKET RBRACKET PIPE COMMA DOT COLON PLUS PERCENT",
                kinds("( ) { } [ ] | , . : + %"));
        assertEquals("AND BREAK CASE CHOICE CONTINUE ELIF ELSE FALSE FOR FORK IF IN NOT NULL OR PFOR SESSION THEN TRUE TRY WHILE",
                kinds("and break case choice continue elif else false for fork if in not null or pfor session then true try while"));
        assertEquals("IDENTIFIER IDENTIFIER IDENTIFIER", kinds("True print iff"));
    }

    @ParameterizedTest
    @CsvSource({"host2", "_tmp", "ノード名", "データ一覧", "x²", "１ab", "Ⅻ"})
    void acceptsUnicodeIdentifiers(String name) {
        assertEquals(name, onlyValue(name));
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void splitsWhatIsNotAnIdentifier() {
        assertEquals("IDENTIFIER MINUS IDENTIFIER", kinds("my-host"));
        assertEquals("IDENTIFIER DOT IDENTIFIER", kinds("a.b"));
        assertEquals("IDENTIFIER STRING", kinds("ptr'x'"));
        // A combining mark is not a word character.
        assertEquals("IDENTIFIER", kinds("e"));
        lex("e\u0301");
        assertEquals(List.of(ErrorCode.E_CHAR), codes());
    }

    @Test
    void scansSpecialIdentifiers() {
        List<Token> tokens = lex("$RESULT $STATUS $ERROR $DEBUG $ENV");
        assertEquals(List.of("RESULT", "STATUS", "ERROR", "DEBUG", "ENV"), tokens.stream().map(Token::name).collect(Collectors.toList()));
        assertTrue(diagnostics.isEmpty());
        lex("$Result $ $1");
        assertEquals(List.of(ErrorCode.E_STATUSVAR, ErrorCode.E_CHAR, ErrorCode.E_CHAR), codes());
    }

    @Test
    void scansObjectPathsAsLongAsPossible() {
        for (String path : List.of("./", "../", "./servers", "../lib/common", "/system/types/Jobflow", "./a/../b", "../../",
                "/x/./y", "./for")) {
            assertEquals(path, onlyValue(path), path);
        }
        assertEquals("OBJECT_PATH DOT IDENTIFIER", kinds("./config.data"));
        assertEquals("OBJECT_PATH DOT IDENTIFIER", kinds("./.add"));
        assertEquals("OBJECT_PATH SLASH", kinds("./a/"));
    }

    @Test
    void decidesBetweenRootAndDivisionByThePreviousToken() {
        assertEquals("IDENTIFIER SLASH INTEGER", kinds("total/2"));
        assertEquals("IDENTIFIER SLASH IDENTIFIER", kinds("a/b"));
        assertEquals("LBRACKET IDENTIFIER ASSIGN ROOT RBRACKET", kinds("[d = /]"));
        assertEquals("LPAREN ROOT RPAREN SLASH ROOT", kinds("(/) / /"));
        assertEquals("IN ROOT PIPE", kinds("in / |"));
        assertEquals("ASSIGN OBJECT_PATH", kinds("= /a"));
        assertEquals("RPAREN SLASH IDENTIFIER", kinds(") /a"));
        assertEquals("STRING SLASH INTEGER RBRACE SLASH FLOAT", kinds("'x'/2 }/1.5"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals("\\'\"\u0007\b\f\n\r\t\u000B", onlyValue("'\\\\\\'\\\"\\a\\b\\f\\n\\r\\t\\v'"));
        assertEquals("ABé", onlyValue("'\\x41\\102\\u00e9'"));
        assertEquals("😀", onlyValue("'\\U0001F600'"));
        assertEquals("\u01ff", onlyValue("'\\777'"));
        assertEquals("ab", onlyValue("'a\\\nb'"));
        assertEquals("ab", onlyValue("'a\\\r\nb'"));
        assertEquals("\\d+ C:\temp", onlyValue("'\\d+ C:\\temp'"));
        assertEquals("$name ${x} $$", onlyValue("'$name ${x} $$'"));
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void rejectsMalformedEscapes() {
        lex("'\\x4' '\\xg0' '\\u12' '\\U0011ffff' '\\udc00' b'\\400'");
        assertEquals(6, codes().size());
        assertTrue(codes().stream().allMatch(c -> c == ErrorCode.E_ESCAPE));
    }

    @Test
    void endsTripleQuotedStringsAtTheFirstRunOfThree() {
        assertEquals("'", onlyValue("'''''''"));
        assertEquals("a'", onlyValue("'''a''''"));
        assertEquals("x\"\"\"", onlyValue("\"\"\"x\"\"\"\"\"\""));
        assertEquals("it's \"quoted\"\nand ''two''", onlyValue("'''it's \"quoted\"\r\nand ''two'''''"));
        assertEquals("", onlyValue("''"));
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void reportsUnterminatedLiterals() {
        lex("'abc\n'");
        assertEquals(List.of(ErrorCode.E_UNTERMINATED, ErrorCode.E_UNTERMINATED), codes());
        diagnostics.clear();
        lex("'''abc");
        assertEquals(List.of(ErrorCode.E_UNTERMINATED), codes());
    }

    @Test
    void scansBinaryLiterals() {
        assertEquals(List.of(0, 255, 65), bytes(onlyValue("b'\\x00\\xffA'")));
        assertEquals(List.of(92, 117, 49), bytes(onlyValue("b'\\u1'")));
        assertEquals("BINARY STRING", kinds("b''''"));
        lex("b'é'");
        assertEquals(List.of(ErrorCode.E_BINARY), codes());
    }

    private static List<Integer> bytes(Object value) {
        List<Integer> list = new ArrayList<>();
        for (byte b : (byte[]) value) {
            list.add(b & 0xFF);
        }
        return list;
    }

    @Test
    void scansNumbers() {
        assertEquals(BigInteger.ZERO, onlyValue("0"));
        assertEquals(new BigInteger("123456789012345678901234567890"), onlyValue("123456789012345678901234567890"));
        assertEquals(10.0, onlyValue("10."));
        assertEquals(0.0025, onlyValue("0.25e-2"));
        assertEquals(7.5, onlyValue("007.5"));
        assertEquals(Double.POSITIVE_INFINITY, onlyValue("1.0e400"));
        assertTrue(diagnostics.isEmpty());
        lex("007 1.5e 12ab 1e5 1.5e+ 2.x");
        assertEquals(6, codes().size());
        assertTrue(codes().stream().allMatch(c -> c == ErrorCode.E_NUMBER));
    }

    @Test
    void scansPatternsWithoutEscapes() {
        assertEquals(new PatternToken(PatternKind.REGEX, "\\d+\\.\\d+", false), onlyValue("r'\\d+\\.\\d+'"));
        assertEquals(new PatternToken(PatternKind.REGEX, "it\\'s", false), onlyValue("r'it\\'s'"));
        assertEquals(new PatternToken(PatternKind.EXACT, "Running", true), onlyValue("e'Running'i"));
        assertEquals(new PatternToken(PatternKind.GLOB, "a\nb", false), onlyValue("g'''a\r\nb'''"));
        assertEquals(new PatternToken(PatternKind.REGEX, "a\\\\", false), onlyValue("r'a\\\\'"));
        assertEquals("PATTERN IN IDENTIFIER", kinds("r'x'in y"));
        assertEquals("PATTERN IDENTIFIER", kinds("r'x'ix"));
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void collectsComments() {
        DiagnosticCollector collector = new DiagnosticCollector(new SourceText("t.kjf", "# one\nprint('#no') # two\r\n#three"));
        Lexer lexer = new Lexer(collector);
        while (lexer.next().kind() != TokenKind.EOF) {
            // scan everything
        }
        assertEquals(List.of("# one", "# two", "#three"),
                lexer.comments().stream().map(Comment::text).collect(Collectors.toList()));
        assertEquals(3, lexer.comments().get(2).span().line());
    }

    @Test
    void countsColumnsInCodePointsAndLinesAcrossEveryTerminator() {
        List<Token> tokens = lex("\uD835\uDC65\uD835\uDC66 x\r\n\ty\rz\n'''a\nb''' w");
        assertEquals(List.of("1:1", "1:4", "2:2", "3:1", "4:1", "5:6"), positions(tokens));
        assertEquals("\uD835\uDC65\uD835\uDC66", tokens.get(0).name(), "a letter outside the BMP is a word character");
    }

    private static List<String> positions(List<Token> tokens) {
        return tokens.stream().map(t -> t.span().line() + ":" + t.span().column()).collect(Collectors.toList());
    }

    @Test
    void keepsSpansOfEveryToken() {
        Token token = lex("  print").get(0);
        assertEquals(2, token.span().start());
        assertEquals(7, token.span().end());
        assertEquals("print", token.raw());
    }

    @Test
    void splitsGreaterForEventJobs() {
        DiagnosticCollector collector = new DiagnosticCollector(new SourceText("t.kjf", ">=> x"));
        Lexer lexer = new Lexer(collector);
        Token ge = lexer.next();
        assertEquals(TokenKind.GE, ge.kind());
        Token gt = lexer.splitGreater(ge);
        assertEquals(TokenKind.GT, gt.kind());
        assertEquals(1, gt.span().end());
        assertEquals(TokenKind.FAT_ARROW, lexer.next().kind());
        assertEquals(TokenKind.IDENTIFIER, lexer.next().kind());
    }

    @Test
    void reportsIllegalCharacters() {
        lex("; ` \\ @ & \u00a0 \u3000 \u0007");
        assertEquals(8, codes().size());
        assertTrue(codes().stream().allMatch(c -> c == ErrorCode.E_CHAR));
        assertEquals("illegal character '\\x07' (U+0007)", diagnostics.get(7).message());
        assertEquals("illegal character '　' (U+3000)", diagnostics.get(6).message());
    }

    @Test
    void rejectsProgramsOverTheSizeLimit() {
        lex("#" + "x".repeat(Lexer.MAX_PROGRAM_CHARACTERS));
        assertEquals(List.of(ErrorCode.E_SIZE), codes());
        assertEquals("program text is too long (65537 characters; the limit is 65536)", diagnostics.get(0).message());
        diagnostics.clear();
        lex("#" + "😀".repeat(Lexer.MAX_PROGRAM_CHARACTERS - 1));
        assertTrue(diagnostics.isEmpty(), "the limit counts code points, not UTF-16 units");
    }
}
