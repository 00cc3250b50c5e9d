package dev.kompira.core.object.io;

import dev.kompira.core.object.TreeContext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.FieldValueException;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects of one type as rows of a CSV table, children of a Directory or Table: the header is
 * {@value #NAME} (the object name) and field names; each row is one object. Cells hold the text a
 * jobflow would write (converted by the field's declaration); an empty cell is an unset field;
 * Object cells are paths (absolute, or relative to the container); Binary cells hexadecimal;
 * Array, Dictionary and File cells the JSON of objects.md §7.4 (a File in the REST form
 * {@code {"name": ..., "data": "<base64>"}}, so that the bytes travel along).
 */
final class CsvTransfer {

    /** The column holding the object name. */
    static final String NAME = "name";

    private final ObjectTree tree;
    private final Transaction tx;
    private final StoredObject container;

    private CsvTransfer(ObjectTree tree, Transaction tx, StoredObject container) {
        this.tree = tree;
        this.tx = tx;
        this.container = container;
    }

    /** See {@link KompiraExport#importCsv}. */
    static int importRows(ObjectTree tree, Reader csv, String containerPath, String typePath, boolean overwrite) {
        List<List<String>> records;
        try {
            records = Csv.read(csv);
        } catch (Csv.CsvException e) {
            throw new ImportException(e.getMessage());
        }
        String path = ObjectPaths.resolve(containerPath, "/");
        return tree.store().write("import CSV rows into " + path, tx -> {
            CsvTransfer transfer = new CsvTransfer(tree, tx, container(tx, path, ImportException::new));
            return transfer.importRecords(records, transfer.rowType(typePath, ImportException::new), overwrite);
        });
    }

    /** See {@link KompiraExport#exportCsv(ObjectTree, String, String, Writer)}. */
    static void exportRows(ObjectTree tree, String containerPath, String typePath, Writer out) {
        String path = ObjectPaths.resolve(containerPath, "/");
        List<List<String>> records = tree.store().read(tx -> {
            CsvTransfer transfer = new CsvTransfer(tree, tx, container(tx, path, IllegalArgumentException::new));
            return transfer.exportRecords(transfer.rowType(typePath, IllegalArgumentException::new));
        });
        records.forEach(r -> Csv.write(out, r));
    }

    private static StoredObject container(Transaction tx, String path, java.util.function.Function<String, RuntimeException> error) {
        StoredObject o = tx.get(path).orElseThrow(() -> error.apply(path + ": no such object"));
        String type = tx.get(o.typeId()).map(StoredObject::path).orElse("");
        if (!type.equals(TypeNotes.path("Directory")) && !type.equals(TypeNotes.path("Table"))) {
            throw error.apply(path + ": not a Directory or Table");
        }
        return o;
    }

    /**
     * The row type: {@code typePath} (absolute or relative to the container) when given, else a
     * Table's {@code typeObject}, else the type of a Directory's first child. A Table takes only
     * its own type.
     */
    private StoredObject rowType(String typePath, java.util.function.Function<String, RuntimeException> error) {
        Optional<StoredObject> tableType = Optional.ofNullable(container.fields().get("typeObject"))
                .filter(ObjectRef.class::isInstance).flatMap(ref -> tx.get(((ObjectRef) ref).id()));
        Optional<StoredObject> type;
        if (typePath != null) {
            String absolute = ObjectPaths.resolve(typePath, container.path());
            type = tx.get(absolute);
            if (type.isEmpty()) {
                throw error.apply(absolute + ": type not found");
            }
        } else if (tableType.isPresent()) {
            type = tableType;
        } else {
            type = tx.children(container.id()).stream().findFirst().flatMap(c -> tx.get(c.typeId()));
        }
        StoredObject found = type.orElseThrow(() -> error.apply(container.path() + ": cannot tell the type of the rows; give a type path"));
        if (tableType.isPresent() && tableType.get().id() != found.id()) {
            throw error.apply(container.path() + ": the Table holds " + tableType.get().path() + ", not " + found.path());
        }
        return found;
    }

    // ---- import

    private int importRecords(List<List<String>> records, StoredObject type, boolean overwrite) {
        if (records.isEmpty()) {
            throw new ImportException("row 1: the header is missing");
        }
        TypeDefinition definition = TypeDefinition.of(type);
        List<String> header = records.get(0);
        List<String> errors = new ArrayList<>(checkHeader(header, definition, type.path()));
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        for (int r = 1; r < records.size(); r++) {
            importRecord(r + 1, header, records.get(r), definition, type, overwrite).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return records.size() - 1;
    }

    private static List<String> checkHeader(List<String> header, TypeDefinition definition, String typePath) {
        List<String> errors = new ArrayList<>();
        if (!header.contains(NAME)) {
            errors.add("row 1: the header has no '" + NAME + "' column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                errors.add("row 1: column '" + column + "' appears twice");
            } else if (!column.equals(NAME) && definition.field(column).isEmpty()) {
                errors.add("row 1: column '" + column + "' is not a field of " + typePath);
            }
        }
        return errors;
    }

    /** Imports one row; returns the error that rejects it, naming the row and the field. */
    private Optional<String> importRecord(int row, List<String> header, List<String> cells, TypeDefinition definition,
            StoredObject type, boolean overwrite) {
        if (cells.size() != header.size()) {
            return Optional.of("row " + row + ": " + cells.size() + " cells, the header has " + header.size());
        }
        String name = cells.get(header.indexOf(NAME));
        String where = "row " + row + " ('" + name + "'): ";
        Map<String, Value> set = new LinkedHashMap<>();
        Set<String> unset = new HashSet<>();
        TreeContext context = new TreeContext(tx, tree.zone(), container.path());
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            if (column.equals(NAME)) {
                continue;
            }
            if (cells.get(c).isEmpty()) {
                unset.add(column);
                continue;
            }
            FieldDefinition field = definition.field(column).orElseThrow();
            try {
                set.put(column, field.convert(cellValue(field, cells.get(c)), context));
            } catch (FieldValueException | FieldEncoding.DecodeException bad) {
                return Optional.of(where + bad.getMessage());
            }
        }
        try {
            write(name, type, set, unset, overwrite);
        } catch (StoreException bad) {
            return Optional.of(where + bad.getMessage());
        }
        return Optional.empty();
    }

    /** The conversion input of a cell: JSON for containers and Files, hexadecimal for Binary, else the text. */
    private Value cellValue(FieldDefinition field, String cell) {
        FieldKind kind = field.type().kind();
        if (kind.isContainer() || kind == FieldKind.FILE) {
            JsonNode json = KompiraJson.parseOrNull(cell);
            if (json == null) {
                throw new FieldEncoding.DecodeException("field '" + field.name() + "': the cell is not JSON");
            }
            FieldEncoding.Decoder decoder = new FieldEncoding.Decoder(
                    p -> tx.get(ObjectPaths.resolve(p, container.path())).map(StoredObject::id), AttachmentSource.none(), note -> { });
            return decoder.field(field.type(), field.name(), json);
        }
        return kind == FieldKind.BINARY ? FieldEncoding.hex(cell) : StringValue.of(cell);
    }

    private void write(String name, StoredObject type, Map<String, Value> set, Set<String> unset, boolean overwrite) {
        Optional<StoredObject> existing = tx.get(container.path().equals("/") ? "/" + name : container.path() + "/" + name);
        if (existing.isPresent() && !overwrite) {
            throw new StoreException(existing.get().path() + ": already exists (import without overwrite)");
        }
        if (existing.isPresent() && existing.get().typeId() != type.id()) {
            throw new StoreException(existing.get().path() + ": exists with another type");
        }
        long id = existing.isPresent() ? existing.get().id()
                : tx.create(container.id(), name, type.id(), null, StandardTree.OWNER, Map.of()).id();
        tx.update(id, new ObjectUpdate(set, existing.isPresent() ? unset : Set.of(), null, null, null, null, null, true));
    }

    // ---- export

    private List<List<String>> exportRecords(StoredObject type) {
        TypeDefinition definition = TypeDefinition.of(type);
        List<FieldDefinition> columns = new ArrayList<>();
        for (FieldDefinition f : definition.fields()) {
            if (!TypeNotes.isDerived(type.path(), f.name()) && !TypeNotes.isQueue(type.path(), f.name())) {
                columns.add(f);
            }
        }
        List<List<String>> records = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(NAME);
        columns.forEach(f -> header.add(f.name()));
        records.add(header);
        FieldEncoding.Encoder encoder = new FieldEncoding.Encoder(id -> tx.get(id).map(StoredObject::path),
                ExportOptions.Attachments.INLINE, (path, bytes) -> { });
        for (StoredObject child : tx.children(container.id())) {
            if (child.typeId() == type.id()) {
                List<String> record = new ArrayList<>();
                record.add(child.name());
                columns.forEach(f -> record.add(cell(encoder, child, f)));
                records.add(record);
            }
        }
        return records;
    }

    private static String cell(FieldEncoding.Encoder encoder, StoredObject o, FieldDefinition field) {
        Value stored = o.fields().get(field.name());
        if (stored == null || stored instanceof NullValue) {
            return "";
        }
        JsonNode json = encoder.field(stored, field.type(), o.path(), field.name(), false);
        return json.isContainerNode() ? KompiraJson.compact(json) : json.asText();
    }
}
