package dev.kompira.core.object.types;

import static dev.kompira.core.object.types.StandardEntry.Level.RECOMMENDED;
import static dev.kompira.core.object.types.StandardEntry.Level.REQUIRED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard tree of objects.md §1.4: the entries a store initialised by the library creates,
 * required and recommended ones (optional and product-only entries are left out), with their
 * types, display names, initial data and permissions.
 *
 * <p>{@link #entries()} is in creation order: every entry after its parent, the built-in type
 * objects (from {@link BuiltinTypes}, TypeObject first) right after {@code /system/types}, and
 * every object named by an initial Object field value before the entry that names it. The first
 * three entries ({@code /}, {@code /system}, {@code /system/types}) are Directories created before
 * the Directory type object exists, so an initialiser has to bootstrap them.
 *
 * <p>Stateless and thread-safe.
 */
public final class StandardTree {

    /** The owner of every standard entry. */
    public static final String OWNER = "root";
    /** The provider of {@code /process} (§1.5). */
    public static final String PROCESS_PROVIDER = "kompira.virtuals.process";
    /** The provider of {@code /scheduler}. */
    public static final String SCHEDULER_PROVIDER = "kompira.virtuals.scheduler";
    /** The directory that holds the Schedule objects that {@code /scheduler} presents (J230). */
    public static final String SCHEDULES_DIRECTORY = "/system/schedules";
    /** The provider of {@code /config/user} and {@code /config/group}. */
    public static final String ACCOUNT_PROVIDER = "kompira.virtuals.account";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Readable by the group {@code other}, writable by nobody but the owner (§1.4). */
    private static final String OTHER_READS = """
            {"other": {"readable": true, "writable": false, "executable": false, "priority": 0}}""";
    /** The built-in TypeObjects: readable by {@code root}, {@code other} and {@code wheel}, writable by nobody (§1.4). */
    private static final String TYPE_USERS = """
            {"root": {"readable": true, "writable": false, "executable": false}}""";
    private static final String TYPE_GROUPS = """
            {"other": {"readable": true, "writable": false, "executable": false, "priority": 0},
             "wheel": {"readable": true, "writable": false, "executable": false, "priority": 0}}""";
    /**
     * The labels of the Windows connection types. objects.md lists the keys but not Kompira's
     * labels; these describe the protocols of §6.1 (Decision).
     */
    private static final String WINDOWS_CONNTYPES = """
            {"conntypes": {"windows/https": "WinRM (HTTPS)",
                           "windows/https-ignore-validation": "WinRM (HTTPS, certificate not validated)",
                           "windows/http": "WinRM (HTTP, message encryption)",
                           "windows/http-unencrypted": "WinRM (HTTP, unencrypted)",
                           "winrs": "WinRS (legacy)"}}""";
    /**
     * The monitoring-mode mails (§4.18). objects.md documents only their placeholders; the texts
     * are ours (Decision).
     */
    private static final String MAIL_BODY = "Jobflow: %{jobflow}\\nProcess: %{process}\\n"
            + "Started: %{started_time}\\nFinished: %{finished_time}\\n";
    /**
     * The console settings this library writes into {@code /system/config} (§4.29 Decision: command
     * output is not copied to the console, language.md D73).
     */
    private static final String SYSTEM_CONFIG_DATA = """
            {"showStdoutEnabled": false, "showStderrEnabled": false}""";

    private static final List<StandardEntry> ENTRIES = build();

    private StandardTree() {
    }

    /** Returns the required and recommended entries in creation order. */
    public static List<StandardEntry> entries() {
        return ENTRIES;
    }

    /** Returns the entry at {@code path}, or empty. */
    public static Optional<StandardEntry> entry(String path) {
        return ENTRIES.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    private static List<StandardEntry> build() {
        List<StandardEntry> entries = new ArrayList<>();
        entries.add(directory("/", "Root directory", REQUIRED));
        entries.add(directory("/system", "system", REQUIRED));
        entries.add(directory("/system/types", "types", REQUIRED));
        BuiltinTypes.all().forEach(type -> entries.add(typeObject(type)));
        entries.add(directory("/system/channels", "channels", REQUIRED));
        entries.add(object("/system/channels/Alert", "Channel", REQUIRED, "{}"));
        entries.add(object("/system/channels/Never", "Channel", REQUIRED, "{}"));
        entries.add(directory("/system/templates", "templates", RECOMMENDED));
        entries.add(object("/system/templates/ProcessDone", "MailTemplate", RECOMMENDED,
                mail("[Kompira] Process %{process} finished: %{jobflow}")));
        entries.add(object("/system/templates/ProcessAborted", "MailTemplate", RECOMMENDED,
                mail("[Kompira] Process %{process} aborted: %{jobflow}")));
        entries.add(systemConfig());
        entries.add(directory("/system/startup", "startup", REQUIRED));
        entries.add(directory(SCHEDULES_DIRECTORY, "schedules", REQUIRED));
        entries.add(directory("/system/libraries", "libraries", RECOMMENDED));
        entries.add(directory("/system/nodetypes", "nodetypes", REQUIRED));
        entries.add(object("/system/nodetypes/Servers", "Table", REQUIRED, table("NodeType")));
        entries.add(object("/system/nodetypes/Servers/Local", "NodeType", REQUIRED, "{\"conntypes\": {\"local\": \"Local\"}}"));
        entries.add(object("/system/nodetypes/Servers/SSH", "NodeType", REQUIRED, "{\"conntypes\": {\"ssh\": \"SSH\"}}"));
        entries.add(object("/system/nodetypes/Servers/Windows", "NodeType", REQUIRED, WINDOWS_CONNTYPES));
        entries.add(object("/system/info", "SystemInfo", RECOMMENDED, "{}"));
        entries.add(object("/system/smtp_servers", "Table", RECOMMENDED, table("SmtpServer")));
        entries.add(object("/system/smtp_servers/Default", "SmtpServer", RECOMMENDED, "{}"));
        entries.add(directory("/config", "Configuration directory", REQUIRED));
        entries.add(object("/config/user", "Virtual", REQUIRED, virtual(ACCOUNT_PROVIDER)));
        entries.add(object("/config/group", "Virtual", REQUIRED, virtual(ACCOUNT_PROVIDER)));
        entries.add(object("/config/realms", "Table", RECOMMENDED, table("Realm")));
        entries.add(object("/config/realms/default", "Realm", RECOMMENDED, "{\"range\": [\"*\"]}"));
        entries.add(object("/process", "Virtual", REQUIRED, virtual(PROCESS_PROVIDER)));
        entries.add(object("/scheduler", "Virtual", REQUIRED, virtual(SCHEDULER_PROVIDER)));
        for (String path : List.of("/user", "/user/app", "/user/lib", "/user/data", "/user/data/nodes", "/user/data/accounts")) {
            entries.add(directory(path, path.substring(path.lastIndexOf('/') + 1), RECOMMENDED));
        }
        entries.add(directory("/root", "root", REQUIRED));
        entries.add(directory("/home", "home", REQUIRED));
        entries.add(directory("/home/guest", "guest", RECOMMENDED));
        return List.copyOf(entries);
    }

    private static StandardEntry directory(String path, String displayName, StandardEntry.Level level) {
        return entry(path, "Directory", displayName, level, json("{}"), json("{}"), json(OTHER_READS));
    }

    private static StandardEntry object(String path, String typeName, StandardEntry.Level level, String fieldsJson) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return entry(path, typeName, name, level, json(fieldsJson), json("{}"), json(OTHER_READS));
    }

    private static StandardEntry entry(String path, String typeName, String displayName, StandardEntry.Level level,
            ObjectNode fields, ObjectNode userPermissions, ObjectNode groupPermissions) {
        return new StandardEntry(path, typeName, displayName, level, fields, json("{}"), userPermissions, groupPermissions);
    }

    private static StandardEntry typeObject(BuiltinType type) {
        ObjectNode fields = JSON.createObjectNode();
        strings(fields.putArray(TypeDefinition.FIELD_NAMES), type.fieldNames());
        strings(fields.putArray(TypeDefinition.FIELD_DISPLAY_NAMES), type.fieldDisplayNames());
        strings(fields.putArray(TypeDefinition.FIELD_TYPES), type.fieldTypes());
        return entry(type.path(), "TypeObject", type.name(), REQUIRED, fields, json(TYPE_USERS), json(TYPE_GROUPS));
    }

    /** {@code /system/config}: the declarations of §4.29 and the console settings of this library. */
    private static StandardEntry systemConfig() {
        ObjectNode fields = JSON.createObjectNode();
        List<FieldDefinition> declared = BuiltinTypes.systemConfigFields();
        ArrayNode names = fields.putArray(TypeDefinition.FIELD_NAMES);
        ArrayNode displayNames = fields.putArray(TypeDefinition.FIELD_DISPLAY_NAMES);
        ArrayNode types = fields.putArray(TypeDefinition.FIELD_TYPES);
        for (FieldDefinition field : declared) {
            names.add(field.name());
            displayNames.add(field.displayName());
            types.add(field.declaration());
        }
        return new StandardEntry("/system/config", "Config", "config", REQUIRED, fields, json(SYSTEM_CONFIG_DATA),
                json("{}"), json(OTHER_READS));
    }

    private static void strings(ArrayNode array, List<String> strings) {
        strings.forEach(array::add);
    }

    private static String table(String typeName) {
        return "{\"typeObject\": \"" + BuiltinTypes.TYPES_DIRECTORY + "/" + typeName + "\"}";
    }

    private static String virtual(String provider) {
        return "{\"virtual\": \"" + provider + "\"}";
    }

    private static String mail(String subject) {
        return "{\"subject\": \"" + subject + "\", \"body\": \"" + MAIL_BODY + "\"}";
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid built-in JSON: " + text, e);
        }
    }
}
