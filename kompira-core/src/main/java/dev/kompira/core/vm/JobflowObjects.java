package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobflow objects as executable code (objects.md §4.4): the source of a Jobflow object compiled
 * once per version of the object, with its directory as the base of relative paths. Calling one
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
    public CompiledFlow compiled(StoredObject jobflow) {
        Compiled cached = cache.get(jobflow.id());
        if (cached != null && cached.updated().equals(jobflow.updated()) && cached.path().equals(jobflow.path())) {
            return cached.flow();
        }
        Value source = tree.readField(jobflow, "source");
        ParseResult checked = JobflowParser.check(jobflow.path(), dev.kompira.core.value.Rendering.text(source));
        if (checked.hasErrors()) {
            throw new JobflowError(ErrorCode.R_EXEC, "jobflow " + jobflow.path() + " has compile errors");
        }
        CompiledFlow flow = Compiler.compile(checked, ObjectPaths.parent(jobflow.path()));
        cache.put(jobflow.id(), new Compiled(jobflow.updated(), jobflow.path(), flow));
        return flow;
    }

    /** A compiled version. */
    private record Compiled(Instant updated, String path, CompiledFlow flow) {
    }
}
