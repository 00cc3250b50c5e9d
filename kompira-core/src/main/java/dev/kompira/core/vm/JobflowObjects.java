package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.diag.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobflow objects as executable code (objects.md §4.4): the source of a Jobflow object compiled
 * once per source text and path, with its directory as the base of relative paths. The source itself
 * is the key, not the object's update time: a store may change the source without touching it (a
 * {@code .kjf} file edited and merged in Git). Calling one
 * whose source does not compile is {@code R-EXEC} (language.md §11.5). Thread-safe.
 */
public final class JobflowObjects {

    private final ObjectTree tree;
    private final Map<Long, Compiled> cache = new ConcurrentHashMap<>();

    /** Compiles the Jobflow objects of {@code tree}. */
    public JobflowObjects(ObjectTree tree) {
        this.tree = tree;
    }

    /** Returns the compiled flow of Jobflow object {@code jobflow}; one that does not compile is {@code R-EXEC}. */
    public CompiledProgram compiled(StoredObject jobflow) {
        Compilation c = compile(jobflow);
        if (c.program() == null) {
            throw new JobflowError(ErrorCode.R_EXEC, compileErrors(jobflow.path(), c.checked()));
        }
        return c.program();
    }

    /** Compiles Jobflow object {@code jobflow}, or says why it does not compile. */
    public Compilation compile(StoredObject jobflow) {
        Value source = tree.readField(jobflow, "source");
        Compiled cached = cache.get(jobflow.id());
        if (cached != null && cached.source().equals(source) && cached.path().equals(jobflow.path())) {
            return new Compilation(cached.flow(), null);
        }
        ParseResult checked = JobflowParser.check(jobflow.path(), dev.kompira.core.value.Rendering.text(source));
        if (checked.hasErrors()) {
            return new Compilation(null, checked);
        }
        CompiledProgram flow = Compiler.compile(checked, ObjectPaths.parent(jobflow.path()));
        cache.put(jobflow.id(), new Compiled(source, jobflow.path(), flow));
        return new Compilation(flow, null);
    }

    /**
     * What compiling a Jobflow object gave.
     *
     * @param program the compiled flow, or null when it has errors
     * @param checked the checked source with its errors, or null when it compiled
     */
    public record Compilation(CompiledProgram program, ParseResult checked) {
    }

    /** Says that {@code path} cannot run and why: its first error, and how many more there are. */
    private static String compileErrors(String path, ParseResult checked) {
        List<Diagnostic> errors = checked.diagnostics().stream().filter(Diagnostic::isError).toList();
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more; run kompira check)";
        return "jobflow " + path + " has compile errors: " + errors.get(0) + more;
    }

    /** A compiled version. */
    private record Compiled(Value source, String path, CompiledProgram flow) {
    }
}
