package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The standard tree of objects.md §1.4 as data. */
class StandardTreeTest {

    private static StandardEntry entry(String path) {
        return StandardTree.entry(path).orElseThrow(() -> new AssertionError("missing " + path));
    }

    @Test
    void everyRequiredEntryOfSectionOneFourIsThere() {
        Map<String, String> required = Map.ofEntries(Map.entry("/", "Directory"), Map.entry("/system", "Directory"),
                Map.entry("/system/types", "Directory"), Map.entry("/system/channels", "Directory"),
                Map.entry("/system/channels/Alert", "Channel"), Map.entry("/system/channels/Never", "Channel"),
                Map.entry("/system/config", "Config"), Map.entry("/system/startup", "Directory"),
                Map.entry("/system/schedules", "Directory"),
                Map.entry("/system/nodetypes", "Directory"), Map.entry("/system/nodetypes/Servers", "Table"),
                Map.entry("/system/nodetypes/Servers/Local", "NodeType"), Map.entry("/system/nodetypes/Servers/SSH", "NodeType"),
                Map.entry("/system/nodetypes/Servers/Windows", "NodeType"), Map.entry("/config", "Directory"),
                Map.entry("/config/user", "Virtual"), Map.entry("/config/group", "Virtual"), Map.entry("/process", "Virtual"),
                Map.entry("/scheduler", "Virtual"), Map.entry("/root", "Directory"), Map.entry("/home", "Directory"));
        required.forEach((path, type) -> {
            assertEquals(type, entry(path).typeName(), path);
            assertEquals(StandardEntry.Level.REQUIRED, entry(path).level(), path);
        });
        for (BuiltinType type : BuiltinTypes.all()) {
            assertEquals("TypeObject", entry(type.path()).typeName());
            assertEquals(StandardEntry.Level.REQUIRED, entry(type.path()).level());
        }
    }

    @Test
    void recommendedEntriesAreThere() {
        Map<String, String> recommended = Map.ofEntries(Map.entry("/system/libraries", "Directory"),
                Map.entry("/system/templates", "Directory"), Map.entry("/system/templates/ProcessDone", "MailTemplate"),
                Map.entry("/system/templates/ProcessAborted", "MailTemplate"), Map.entry("/system/info", "SystemInfo"),
                Map.entry("/system/smtp_servers", "Table"), Map.entry("/system/smtp_servers/Default", "SmtpServer"),
                Map.entry("/config/realms", "Table"), Map.entry("/config/realms/default", "Realm"), Map.entry("/user", "Directory"),
                Map.entry("/user/app", "Directory"), Map.entry("/user/lib", "Directory"), Map.entry("/user/data", "Directory"),
                Map.entry("/user/data/nodes", "Directory"), Map.entry("/user/data/accounts", "Directory"),
                Map.entry("/home/guest", "Directory"));
        recommended.forEach((path, type) -> {
            assertEquals(type, entry(path).typeName(), path);
            assertEquals(StandardEntry.Level.RECOMMENDED, entry(path).level(), path);
        });
        assertEquals(recommended.size() + 21 + BuiltinTypes.all().size(), StandardTree.entries().size(),
                "nothing optional or product-only (J161 makes the SMTP servers recommended; J230 adds /system/schedules)");
    }

    @Test
    void parentsComeFirstAndNoRequiredEntryLivesUnderARecommendedOne() {
        Map<String, StandardEntry> seen = new HashMap<>();
        for (StandardEntry e : StandardTree.entries()) {
            assertFalse(seen.containsKey(e.path()), "twice: " + e.path());
            if (!e.path().equals("/")) {
                StandardEntry parent = seen.get(e.parentPath());
                assertTrue(parent != null, "parent of " + e.path() + " comes later or is missing");
                assertTrue(parent.level() == StandardEntry.Level.REQUIRED || e.level() == StandardEntry.Level.RECOMMENDED,
                        e.path());
            }
            seen.put(e.path(), e);
        }
        assertEquals("/", StandardTree.entries().get(0).path());
    }

    @Test
    void typesFollowTheTypesDirectoryTypeObjectFirst() {
        List<StandardEntry> entries = StandardTree.entries();
        assertEquals(List.of("/", "/system", "/system/types", "/system/types/TypeObject", "/system/types/Directory"),
                entries.subList(0, 5).stream().map(StandardEntry::path).toList());
        assertEquals(Rendering.nested(BuiltinTypes.all().get(2).typeObjectFields().get("fieldTypes")),
                Rendering.nested(entries.get(5).fields().get("fieldTypes")));
    }

    @Test
    void everyEntryIsABuiltInTypeOwnedByRootAndReadableByOther() {
        for (StandardEntry e : StandardTree.entries()) {
            assertTrue(BuiltinTypes.named(e.typeName()).isPresent(), e.toString());
            assertEquals("root", e.owner());
            assertEquals(BooleanValue.TRUE, ((DictionaryValue) e.groupPermissions().get("other")).get("readable"));
            assertEquals(BooleanValue.FALSE, ((DictionaryValue) e.groupPermissions().get("other")).get("writable"));
        }
        StandardEntry typeObject = entry("/system/types/Jobflow");
        assertEquals(Set.of("root"), keys(typeObject.userPermissions()));
        assertEquals(Set.of("other", "wheel"), keys(typeObject.groupPermissions()));
        assertEquals(Set.of(), keys(entry("/user").userPermissions()));
    }

    private static Set<String> keys(DictionaryValue d) {
        Set<String> keys = new HashSet<>();
        d.keys().forEach(k -> keys.add(Rendering.text(k)));
        return keys;
    }

    @Test
    void namesAndDisplayNames() {
        assertEquals("", entry("/").name());
        assertEquals("Root directory", entry("/").displayName());
        assertEquals("Configuration directory", entry("/config").displayName());
        assertEquals("Alert", entry("/system/channels/Alert").displayName());
        assertEquals("/system/channels", entry("/system/channels/Alert").parentPath());
        assertEquals("/", entry("/system").parentPath());
        assertEquals("Jobflow", entry("/system/types/Jobflow").displayName());
    }

    @Test
    void virtualMountsNameTheirProviders() {
        assertEquals(StringValue.of("kompira.virtuals.account"), entry("/config/user").fields().get("virtual"));
        assertEquals(StringValue.of("kompira.virtuals.account"), entry("/config/group").fields().get("virtual"));
        assertEquals(StringValue.of("kompira.virtuals.process"), entry("/process").fields().get("virtual"));
        assertEquals(StringValue.of("kompira.virtuals.scheduler"), entry("/scheduler").fields().get("virtual"));
    }

    @Test
    void initialDataOfNodeTypesRealmsAndConfig() {
        assertEquals("{local='Local'}", Rendering.nested(entry("/system/nodetypes/Servers/Local").fields().get("conntypes")));
        assertEquals("{ssh='SSH'}", Rendering.nested(entry("/system/nodetypes/Servers/SSH").fields().get("conntypes")));
        assertEquals(List.of("windows/https", "windows/https-ignore-validation", "windows/http", "windows/http-unencrypted", "winrs"),
                ((DictionaryValue) entry("/system/nodetypes/Servers/Windows").fields().get("conntypes")).keys().stream()
                        .map(Rendering::text).toList());
        assertEquals("['*']", Rendering.nested(entry("/config/realms/default").fields().get("range")));
        assertEquals(StringValue.of("/system/types/NodeType"), entry("/system/nodetypes/Servers").fields().get("typeObject"));
        StandardEntry config = entry("/system/config");
        assertEquals(Map.of("showStdoutEnabled", BooleanValue.FALSE, "showStderrEnabled", BooleanValue.FALSE), config.configData());
        assertEquals(19, ((ArrayValue) config.fields().get("fieldTypes")).size());
        assertEquals(Map.of(), entry("/system/channels/Alert").configData());
        assertEquals(Map.of(), entry("/system/channels/Alert").fields());
    }

    @Test
    void valuesAreFreshOnEveryCall() {
        StandardEntry realm = entry("/config/realms/default");
        ((ArrayValue) realm.fields().get("range")).items().clear();
        assertEquals(1, ((ArrayValue) realm.fields().get("range")).size());
        realm.groupPermissions().put("x", StringValue.EMPTY);
        assertFalse(realm.groupPermissions().containsKey(StringValue.of("x")));
    }

    /**
     * Creating the entries in order and converting their data with their types' declarations works:
     * every value is valid write form and every Object path names an entry created before.
     */
    @Test
    void theDataConvertsWithTheDeclarationsInCreationOrder() {
        Map<String, Long> created = new HashMap<>();
        ConversionContext ctx = new ConversionContext() {
            @Override
            public java.time.ZoneId zone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Optional<Long> resolveObject(String path) {
                return Optional.ofNullable(created.get(path));
            }

            @Override
            public Optional<String> objectPath(long id) {
                return created.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
            }
        };
        for (StandardEntry e : StandardTree.entries()) {
            TypeDefinition type = BuiltinTypes.named(e.typeName()).orElseThrow().definition();
            for (Map.Entry<String, Value> field : e.fields().entrySet()) {
                FieldDefinition declared = type.field(field.getKey()).orElseThrow(() -> new AssertionError(e + " " + field.getKey()));
                declared.convert(field.getValue(), ctx);
            }
            if (e.typeName().equals("Config")) {
                TypeDefinition data = TypeDefinition.of(new dev.kompira.core.store.StoredObject(1, 1, e.name(), e.path(), 1,
                        e.displayName(), "", "root", java.time.Instant.EPOCH, java.time.Instant.EPOCH, new DictionaryValue(),
                        new DictionaryValue(), e.fields()));
                e.configData().forEach((k, v) -> data.field(k).orElseThrow().convert(v, ctx));
            }
            created.put(e.path(), (long) created.size() + 1);
        }
        assertEquals(new ObjectRef(created.get("/system/types/NodeType")),
                entry("/system/nodetypes/Servers").fields().entrySet().stream().findFirst()
                        .map(f -> BuiltinTypes.named("Table").orElseThrow().definition().field(f.getKey()).orElseThrow()
                                .convert(f.getValue(), ctx)).orElseThrow());
    }

    @Test
    void monitoringMailsUseTheDocumentedPlaceholders() {
        for (String path : List.of("/system/templates/ProcessDone", "/system/templates/ProcessAborted")) {
            String body = Rendering.text(entry(path).fields().get("body"));
            for (String placeholder : List.of("%{jobflow}", "%{process}", "%{started_time}", "%{finished_time}")) {
                assertTrue(body.contains(placeholder), path + " " + placeholder);
            }
            assertTrue(body.contains("\n"));
        }
    }
}
