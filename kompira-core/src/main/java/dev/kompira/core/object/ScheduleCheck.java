package dev.kompira.core.object;

import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import java.util.List;

/**
 * Refuses a Schedule object whose fields, taken together, do not say when it fires or what it starts
 * (objects.md §5.3): a check across fields, which no single declaration makes (J231). Every checked
 * write of the tree ({@link ValidatingTransaction}, {@link ObjectBatch}) makes it after writing, so
 * that the refusal rolls the whole transaction back. A Schedule created without any field is let
 * through: {@code add(name, type)} creates the object bare and fills it in with the next write, and
 * until then it does not fire. Stateless.
 */
final class ScheduleCheck {

    private ScheduleCheck() {
    }

    /** Returns {@code written} when it is no Schedule or a valid one; otherwise throws, naming the field. */
    static StoredObject checked(Transaction tx, StoredObject written) {
        if (written.fields().isEmpty() || !tx.get(written.typeId()).map(StoredObject::path).orElse("").equals(Schedule.TYPE)) {
            return written;
        }
        List<Schedule.Problem> problems = Schedule.of(written).problems();
        if (!problems.isEmpty()) {
            throw new WriteRefusedException(problems.stream()
                    .map(p -> new WriteRefusedException.Problem(written.path(), p.field(), p.message())).toList(), List.of());
        }
        return written;
    }
}
