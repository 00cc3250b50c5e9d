package dev.kompira.store.git;

import dev.kompira.core.store.StoreException;
import java.util.List;

/**
 * The files of a revision do not make a valid tree: each problem names the file it is in
 * ({@code tree/ops/web01.json}) and says what is wrong. Thrown when a store opens.
 */
public final class InvalidTreeException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** One problem: the repository path of the file and what is wrong with it. */
    public record Problem(String file, String message) {
    }

    private final transient List<Problem> problems;

    InvalidTreeException(List<Problem> problems) {
        super("the repository does not hold a valid tree:\n  " + String.join("\n  ",
                problems.stream().map(p -> p.file() + ": " + p.message()).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem, in the order of the files. */
    public List<Problem> problems() {
        return problems;
    }
}
