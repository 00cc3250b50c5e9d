package dev.kompira.core.object;

import dev.kompira.core.store.StoreException;
import dev.kompira.dsl.diag.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A write to the object tree that was refused, with everything found wrong with it: an undeclared
 * field, a value its declaration does not accept (objects.md §3.7), a bad name, a missing parent, an
 * object already there, a Jobflow source that does not compile. Nothing of the write was applied;
 * inside a batch, the operation that threw changed nothing, and the batch applies nothing unless its
 * work catches the exception and goes on.
 *
 * <p>The message has one line per problem, each naming the object path and, where there is one, the
 * field: {@code /demo/hello: field 'sauce' is not declared by its type /system/types/Jobflow}. For a
 * source that does not compile, the problem is followed by the rendered diagnostics
 * ({@code /demo/hello:1:7: error: ...} with the source line and a caret), which
 * {@link #diagnostics()} also returns.
 *
 * <p>It is a {@link StoreException}, as every write that breaks a rule of the tree is, so code that
 * catches those catches it too. Immutable.
 */
public final class WriteRefusedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient List<Diagnostic> diagnostics;

    /**
     * One thing wrong with a write.
     *
     * @param path    the absolute path of the object written (or to be created)
     * @param field   the field concerned, or null when the problem is not about a field
     * @param message what is wrong, without the path: {@code field 'port': 70000 is greater than max_value 65535}
     */
    public record Problem(String path, String field, String message) {

        /** Checks the components. */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        /** Returns the problem as the exception's message shows it: {@code path: message}. */
        public String text() {
            return path + ": " + message;
        }
    }

    /** Creates the exception for {@code problems} (at least one) and the compile diagnostics of a Jobflow source, if any. */
    public WriteRefusedException(List<Problem> problems, List<Diagnostic> diagnostics) {
        super(problems.stream().map(Problem::text).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused write needs a problem");
        }
        this.problems = List.copyOf(problems);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Creates the exception for one problem. */
    public WriteRefusedException(Problem problem) {
        this(List.of(problem), List.of());
    }

    /** Returns the path of the object of the first problem. */
    public String path() {
        return problems.get(0).path();
    }

    /** Returns every problem found, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /** Returns the diagnostics of a Jobflow source that does not compile (errors and warnings), or none. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
