package dev.kompira.store.git;

import dev.kompira.core.object.FieldRules;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one revision of a Git store as a pull-request gate (docs/git-store.md): every Jobflow
 * compiles, and every object's stored fields are declared by its type and pass its conversions and
 * qualifiers. Problems are reported as {@code file:line:col: error: ...} for flows (with the source
 * line and a caret) and {@code file: error: ...} for objects, where {@code file} is the repository
 * path, so that a reviewer can open it.
 */
public final class StoreCheck {

    private static final String JOBFLOW_TYPE = "/system/types/Jobflow";

    /** What one check found. */
    public record Report(int objects, int jobflows, List<String> problems) {

        /** Copies the problems. */
        public Report {
            problems = List.copyOf(problems);
        }
    }

    private StoreCheck() {
    }

    /** Checks every object of {@code store}, in tree order. */
    public static Report run(GitStore store, ZoneId zone) {
        return store.read(tx -> {
            List<StoredObject> all = new ArrayList<>(tx.descendants(tx.root().id()));
            all.add(0, tx.root());
            List<String> problems = new ArrayList<>();
            int jobflows = 0;
            for (StoredObject o : all) {
                Optional<StoredObject> type = tx.get(o.typeId());
                String file = store.filesOf(o.id()).get(0);
                if (type.isEmpty()) {
                    problems.add(file + ": error: its type #" + o.typeId() + " does not exist");
                    continue;
                }
                if (type.get().path().equals(JOBFLOW_TYPE)) {
                    jobflows++;
                    checkFlow(store, o, problems);
                }
                checkFields(tx, zone, o, type.get(), file, problems);
                if (type.get().path().equals(Schedule.TYPE) && !o.fields().isEmpty()) {
                    // a schedule edited by hand must say when it fires before it is deployed (J231)
                    Schedule.of(o).problems().forEach(problem -> problems.add(file + ": error: " + problem.message()));
                }
            }
            return new Report(all.size(), jobflows, problems);
        });
    }

    private static void checkFlow(GitStore store, StoredObject flow, List<String> problems) {
        if (!(flow.fields().get("source") instanceof StringValue source)) {
            return;
        }
        List<String> files = store.filesOf(flow.id());
        ParseResult result = JobflowParser.check(files.get(files.size() - 1), source.value());
        if (result.hasErrors()) {
            problems.add(result.renderDiagnostics().stripTrailing());
        }
    }

    private static void checkFields(Transaction tx, ZoneId zone, StoredObject o, StoredObject type, String file,
            List<String> problems) {
        FieldRules.Target target = new FieldRules.Target(o.path(), o.id(), type.path(), TypeDefinition.of(type));
        FieldRules.convert(tx, zone, ObjectPaths.parent(o.path()), target, o.fields(), true).problems()
                .forEach(problem -> problems.add(file + ": error: " + problem.message()));
    }
}
