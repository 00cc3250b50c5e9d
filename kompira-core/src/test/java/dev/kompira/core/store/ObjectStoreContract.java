package dev.kompira.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link ObjectStore} passes (objects.md §1.2, §2.1, §2.2, §2.5 rule 8, §4.2),
 * shipped in the kompira-core test-jar: a store's test extends this class and implements
 * {@link #newStore}.
 *
 * <p>What the contract fixes beyond the SPI's Javadoc:
 * <ul>
 *   <li>An empty store's first write creates the root with {@code create(0, "", typeId, ...)};
 *       parent id 0 and the empty name mean "the root" in that call only.</li>
 *   <li>Type ids are not checked against the tree (the root's type, a Directory TypeObject, can
 *       only be created below the root); they must be positive or {@link Transaction#SELF_TYPED}.</li>
 *   <li>Ids increase in creation order and are never reused.</li>
 *   <li>A failing operation changes nothing, so work that catches its {@link StoreException} may
 *       go on; an exception that leaves the work rolls the whole transaction back.</li>
 *   <li>Error messages are the ones of {@link TreeRules}, compared exactly.</li>
 *   <li>Names and paths are measured in code points; {@code get(path)} finds only exact absolute
 *       paths.</li>
 *   <li>Moving an object to where it is changes nothing; a move touches the moved object's
 *       {@code updated} only; a display name equal to the name follows a new name on move and
 *       copy.</li>
 *   <li>Copying a container into itself or a descendant is refused like moving it, so the root
 *       cannot be copied; a copy of a self-typed object is an instance of the original.</li>
 * </ul>
 *
 * <p>Each test gets a new store on a clock it controls ({@link #clock}); the store is closed
 * after the test.
 */
public abstract class ObjectStoreContract {

    /** The clock's time when a test starts. */
    protected static final Instant T0 = Instant.parse("2024-04-01T09:00:00Z");

    /** The type id of every object the tests create: the id the Directory type would get, not checked by stores. */
    protected static final long TYPE = 5;

    /** The owner of every object the tests create. */
    protected static final String OWNER = "root";

    /** The clock of the store under test. */
    protected final SettableClock clock = new SettableClock(T0);

    /** The store under test. */
    protected ObjectStore store;

    /** Returns a new, empty store that takes its timestamps from {@code clock}. */
    protected abstract ObjectStore newStore(Clock clock);

    @BeforeEach
    final void openStore() {
        store = newStore(clock);
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    // ---- the empty store and the root

    @Test
    void aNewStoreIsEmptyAndHasNoRoot() {
        assertTrue(store.isEmpty());
        assertRefused("the store is empty: its first write must create the root (parent 0, name '')",
                () -> store.read(Transaction::root));
        assertEquals(Optional.empty(), store.read(tx -> tx.get("/")));
    }

    @Test
    void theFirstWriteCreatesTheRootWithParentZeroAndTheEmptyName() {
        StoredObject root = initRoot();
        assertFalse(store.isEmpty());
        assertTrue(root.isRoot());
        assertEquals(root.id(), root.parentId());
        assertEquals("", root.name());
        assertEquals("/", root.path());
        assertEquals(TYPE, root.typeId());
        assertEquals("Root directory", root.displayName());
        assertEquals("", root.description());
        assertEquals(OWNER, root.owner());
        assertEquals(T0, root.created());
        assertEquals(T0, root.updated());
        assertEquals(0, root.userPermissions().size());
        assertEquals(0, root.groupPermissions().size());
        assertEquals(describe(root), describe(store.read(Transaction::root)));
        assertEquals(describe(root), describe(get("/")));
        assertEquals(describe(root), describe(store.read(tx -> tx.get(root.id())).orElseThrow()));
    }

    @Test
    void theRootsDisplayNameDefaultsToItsEmptyName() {
        StoredObject root = store.write("init", tx -> tx.create(0, "", TYPE, null, OWNER, Map.of()));
        assertEquals("", root.displayName());
    }

    @Test
    void aSelfTypedRootIsItsOwnType() {
        StoredObject root = store.write("init", tx -> tx.create(0, "", Transaction.SELF_TYPED, null, OWNER, Map.of()));
        assertEquals(root.id(), root.typeId());
    }

    @Test
    void theFirstWriteMustCreateTheRoot() {
        assertRefused("the store is empty: its first write must create the root (parent 0, name '')",
                () -> store.write("no root", tx -> tx.create(1, "a", TYPE, null, OWNER, Map.of())));
        assertRefused("the store is empty: its first write must create the root (parent 0, name '')",
                () -> store.write("no root", tx -> tx.create(0, "a", TYPE, null, OWNER, Map.of())));
        assertTrue(store.isEmpty());
    }

    @Test
    void aRolledBackRootCreationLeavesTheStoreEmpty() {
        assertThrows(IllegalStateException.class, () -> store.write("init", tx -> {
            tx.create(0, "", TYPE, null, OWNER, Map.of());
            throw new IllegalStateException("changed my mind");
        }));
        assertTrue(store.isEmpty());
        assertEquals(Optional.empty(), store.read(tx -> tx.get("/")));
    }

    @Test
    void thereIsOnlyOneRoot() {
        initRoot();
        assertWriteRefused("/: the root already exists", tx -> tx.create(0, "", TYPE, null, OWNER, Map.of()));
    }

    @Test
    void parentZeroAndTheEmptyNameMeanNothingElse() {
        StoredObject root = initRoot();
        assertWriteRefused("no object with id 0", tx -> tx.create(0, "a", TYPE, null, OWNER, Map.of()));
        assertWriteRefused("/: name '' is not a valid object name (it is empty)",
                tx -> tx.create(root.id(), "", TYPE, null, OWNER, Map.of()));
    }

    @Test
    void theRootCannotBeDeletedMovedOrCopied() {
        StoredObject root = initRoot();
        long dir = mkdirs("/dir").id();
        assertWriteRefused("/: the root cannot be deleted or moved", tx -> tx.delete(root.id()));
        assertWriteRefused("/: the root cannot be deleted or moved", tx -> tx.move(root.id(), dir, "x"));
        assertWriteRefused("/: cannot copy a container into itself or one of its descendants",
                tx -> tx.copy(root.id(), dir, "x", OWNER));
    }

    @Test
    void theRootIsNotItsOwnChildNorDescendant() {
        StoredObject root = initRoot();
        mkdirs("/a/b");
        assertEquals(List.of("/a"), paths(store.read(tx -> tx.children(root.id()))));
        assertEquals(List.of("/a", "/a/b"), paths(store.read(tx -> tx.descendants(root.id()))));
    }

    @Test
    void theRootCanBeUpdated() {
        StoredObject root = initRoot();
        StoredObject updated = store.write("describe", tx -> tx.update(root.id(),
                new ObjectUpdate(Map.of(), Set.of(), "Top", "the top", null, null, null, true)));
        assertEquals("Top", updated.displayName());
        assertEquals("the top", updated.description());
        assertTrue(updated.isRoot());
    }

    // ---- create

    @Test
    void createSetsTheCommonProperties() {
        initRoot();
        long user = mkdirs("/user").id();
        clock.set(T0.plusSeconds(60));
        StoredObject o = store.write("create", tx -> tx.create(user, "app", 7, null, "guest",
                Map.of("source", StringValue.of("echo hi"))));
        assertEquals(user, o.parentId());
        assertEquals("app", o.name());
        assertEquals("/user/app", o.path());
        assertEquals(7, o.typeId());
        assertEquals("app", o.displayName(), "the display name defaults to the name (objects.md §1.2)");
        assertEquals("", o.description());
        assertEquals("guest", o.owner());
        assertEquals(T0.plusSeconds(60), o.created());
        assertEquals(T0.plusSeconds(60), o.updated());
        assertEquals(0, o.userPermissions().size());
        assertEquals(0, o.groupPermissions().size());
        assertEquals("{source='echo hi'}", fieldsText(o));
        assertFalse(o.isRoot());
        assertEquals(describe(o), describe(get("/user/app")));
        assertEquals(describe(o), describe(store.read(tx -> tx.get(o.id())).orElseThrow()));
    }

    @Test
    void anExplicitDisplayNameIsKept() {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "app", TYPE, "Applications", OWNER, Map.of()));
        assertEquals("Applications", o.displayName());
    }

    @Test
    void aClearedFieldIsStoredAsNullAndAnAbsentFieldIsUnset() {
        StoredObject root = initRoot();
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("cleared", null);
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER, fields));
        assertTrue(o.fields().containsKey("cleared"));
        assertNull(o.fields().get("cleared"));
        assertFalse(o.fields().containsKey("unset"));
    }

    @Test
    void aSelfTypedObjectIsItsOwnType() {
        initRoot();
        long types = mkdirs("/system/types").id();
        StoredObject typeObject = store.write("bootstrap",
                tx -> tx.create(types, "TypeObject", Transaction.SELF_TYPED, null, OWNER, Map.of()));
        assertEquals(typeObject.id(), typeObject.typeId());
    }

    @Test
    void typeIdsAreNotCheckedAgainstTheTreeButMustBePositive() {
        StoredObject root = initRoot();
        StoredObject dangling = store.write("create", tx -> tx.create(root.id(), "a", 999_999, null, OWNER, Map.of()));
        assertEquals(999_999, dangling.typeId());
        assertWriteRefused("/: invalid type id 0", tx -> tx.create(root.id(), "b", 0, null, OWNER, Map.of()));
        assertWriteRefused("/a: invalid type id -2", tx -> tx.create(dangling.id(), "b", -2, null, OWNER, Map.of()));
    }

    @Test
    void createUnderAMissingParentIsRefused() {
        initRoot();
        assertWriteRefused("no object with id 4242", tx -> tx.create(4242, "a", TYPE, null, OWNER, Map.of()));
    }

    @Test
    void namesAreUniqueAmongSiblingsOnly() {
        initRoot();
        long app = mkdirs("/user/app").id();
        long lib = mkdirs("/user/lib").id();
        store.write("create", tx -> tx.create(app, "x", TYPE, null, OWNER, Map.of()));
        assertWriteRefused("/user/app: an object named 'x' already exists",
                tx -> tx.create(app, "x", TYPE, null, OWNER, Map.of()));
        StoredObject other = store.write("create", tx -> tx.create(lib, "x", TYPE, null, OWNER, Map.of()));
        assertEquals("/user/lib/x", other.path());
    }

    @Test
    void namesDifferingOnlyInCaseAreDifferentSiblings() {
        initRoot();
        long upper = mkdirs("/Node").id();
        long lower = mkdirs("/node").id();
        assertTrue(upper != lower);
        assertEquals(upper, get("/Node").id());
        assertEquals(lower, get("/node").id());
        assertEquals(Optional.empty(), find("/NODE"));
    }

    @Test
    void namesMayBeWrittenInAnyScript() {
        initRoot();
        StoredObject child = mkdirs("/ノード/子_2");
        assertEquals("/ノード/子_2", child.path());
        assertEquals(child.id(), get("/ノード/子_2").id());
        assertEquals("ノード", get("/ノード").name());
    }

    /** Names refused under {@code /user}, with the reason the message gives. */
    static Stream<Arguments> invalidNames() {
        String letters = "only letters, digits and '_' are allowed";
        return Stream.of(
                Arguments.of("1abc", "name '1abc' is not a valid object name (it must not start with a digit)"),
                Arguments.of("", "name '' is not a valid object name (it is empty)"),
                Arguments.of(".", "name '.' is not a valid object name (it contains '.'; " + letters + ")"),
                Arguments.of("..", "name '..' is not a valid object name (it contains '.'; " + letters + ")"),
                Arguments.of("a/b", "name 'a/b' is not a valid object name (it contains '/'; " + letters + ")"),
                Arguments.of("a\u0000b", "name 'a\\u0000b' is not a valid object name (it contains U+0000; " + letters + ")"),
                Arguments.of("a b", "name 'a b' is not a valid object name (it contains U+0020; " + letters + ")"),
                Arguments.of("a-b", "name 'a-b' is not a valid object name (it contains '-'; " + letters + ")"),
                Arguments.of("for", "name 'for' is not a valid object name (it is a jobflow keyword)"),
                Arguments.of("null", "name 'null' is not a valid object name (it is a jobflow keyword)"),
                Arguments.of("session", "name 'session' is not a valid object name (it is a jobflow keyword)"),
                Arguments.of("a".repeat(129), "name '" + "a".repeat(64) + "...' is not a valid object name"
                        + " (it is 129 characters long; the limit is 128)"),
                Arguments.of("𠀀".repeat(129), "name '" + "𠀀".repeat(64) + "...' is not a valid object name"
                        + " (it is 129 characters long; the limit is 128)"));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidNamesAreRefusedWithTheRuleTheyBreak(String name, String message) {
        initRoot();
        long user = mkdirs("/user").id();
        long other = mkdirs("/other").id();
        long target = mkdirs("/other/target").id();
        assertWriteRefused("/user: " + message, tx -> tx.create(user, name, TYPE, null, OWNER, Map.of()));
        assertWriteRefused("/user: " + message, tx -> tx.move(target, user, name));
        assertWriteRefused("/user: " + message, tx -> tx.copy(other, user, name, OWNER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "_x1", "x__", "Node", "forx", "id_42", "ノード", "名前_2", "Été", "ǅ", "x²"})
    void validNamesAreAccepted(String name) {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), name, TYPE, null, OWNER, Map.of()));
        assertEquals("/" + name, o.path());
        assertEquals(o.id(), get("/" + name).id());
    }

    @Test
    void aNameMayHave128CharactersCountedAsCodePoints() {
        StoredObject root = initRoot();
        String wide = "𠀀".repeat(128);
        assertEquals(256, wide.length(), "each character is a surrogate pair");
        store.write("create", tx -> tx.create(root.id(), wide, TYPE, null, OWNER, Map.of()));
        store.write("create", tx -> tx.create(root.id(), "a".repeat(128), TYPE, null, OWNER, Map.of()));
        assertEquals(wide, get("/" + wide).name());
    }

    @Test
    void anAbsolutePathMayHave1024Characters() {
        initRoot();
        StoredObject deep = mkdirs(deepPath());
        assertEquals(903, deep.path().length());
        StoredObject longest = store.write("create", tx -> tx.create(deep.id(), "b".repeat(120), TYPE, null, OWNER, Map.of()));
        assertEquals(1024, longest.path().length());
        assertWriteRefused("path too long (1025 characters; the limit is 1024)",
                tx -> tx.create(deep.id(), "c".repeat(121), TYPE, null, OWNER, Map.of()));
        assertWriteRefused("path too long (1030 characters; the limit is 1024)",
                tx -> tx.create(deep.id(), "c".repeat(126), TYPE, null, OWNER, Map.of()));
    }

    @Test
    void pathLengthsAreCountedInCodePoints() {
        initRoot();
        StoredObject deep = mkdirs(deepPath());
        StoredObject longest = store.write("create", tx -> tx.create(deep.id(), "𠀀".repeat(120), TYPE, null, OWNER, Map.of()));
        assertEquals(1024, longest.path().codePointCount(0, longest.path().length()));
        assertWriteRefused("path too long (1025 characters; the limit is 1024)",
                tx -> tx.create(deep.id(), "𠀀".repeat(121), TYPE, null, OWNER, Map.of()));
    }

    @Test
    void movingOrCopyingASubtreeChecksTheLengthOfEveryNewPath() {
        initRoot();
        StoredObject deep = mkdirs(deepPath());
        StoredObject s = mkdirs("/s");
        mkdirs("/s/" + "d".repeat(118));
        StoredObject fits = store.write("move", tx -> tx.move(s.id(), deep.id(), "s"));
        assertEquals(1024, fits.path().length() + 1 + 118);
        store.write("move back", tx -> tx.move(s.id(), tx.root().id(), "s"));
        assertWriteRefused("path too long (1025 characters; the limit is 1024)", tx -> tx.move(s.id(), deep.id(), "st"));
        assertWriteRefused("path too long (1025 characters; the limit is 1024)",
                tx -> tx.copy(s.id(), deep.id(), "st", OWNER));
    }

    // ---- reads

    @Test
    void getFindsObjectsByIdAndByExactAbsolutePath() {
        initRoot();
        StoredObject b = mkdirs("/a/b");
        assertEquals(b.id(), get("/a/b").id());
        assertEquals("/a/b", store.read(tx -> tx.get(b.id())).orElseThrow().path());
        assertEquals(Optional.empty(), store.read(tx -> tx.get(4242)));
        assertEquals(Optional.empty(), find("/a/c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//a", "/a//b", "/./a", "/a/.", "/a/b/..", "/a/../a", "./a", "../a"})
    void getFindsNothingForAStringThatIsNotAnExactAbsolutePath(String path) {
        initRoot();
        mkdirs("/a/b");
        assertEquals(Optional.empty(), find(path));
    }

    @Test
    void childrenAreOrderedByIdNotByName() {
        initRoot();
        long dir = mkdirs("/dir").id();
        for (String name : List.of("c", "a", "b")) {
            store.write("create", tx -> tx.create(dir, name, TYPE, null, OWNER, Map.of()));
        }
        assertEquals(List.of("c", "a", "b"), names(store.read(tx -> tx.children(dir))));
    }

    @Test
    void aMovedObjectTakesItsPlaceAmongItsNewSiblingsById() {
        initRoot();
        StoredObject early = mkdirs("/early");
        long dir = mkdirs("/dir").id();
        mkdirs("/dir/late");
        store.write("move", tx -> tx.move(early.id(), dir, "early"));
        assertEquals(List.of("early", "late"), names(store.read(tx -> tx.children(dir))));
        StoredObject last = mkdirs("/dir/last");
        assertEquals(List.of("early", "late", "last"), names(store.read(tx -> tx.children(dir))));
        assertTrue(last.id() > early.id());
    }

    @Test
    void anObjectWithoutChildrenHasNone() {
        initRoot();
        long leaf = mkdirs("/leaf").id();
        assertEquals(List.of(), store.read(tx -> tx.children(leaf)));
        assertEquals(List.of(), store.read(tx -> tx.descendants(leaf)));
    }

    @Test
    void descendantsListParentsBeforeChildrenAndSiblingsById() {
        initRoot();
        mkdirs("/a/b/c");
        mkdirs("/a/x");
        mkdirs("/a/b/d");
        mkdirs("/z/y");
        mkdirs("/a/b/c/e");
        long a = get("/a").id();
        List<StoredObject> all = store.read(tx -> tx.descendants(a));
        assertEquals(Set.of("/a/b", "/a/b/c", "/a/b/c/e", "/a/x", "/a/b/d"), new HashSet<>(paths(all)));
        assertEquals(all.size(), new HashSet<>(paths(all)).size(), "no object is listed twice");
        for (int i = 0; i < all.size(); i++) {
            StoredObject o = all.get(i);
            if (o.parentId() != a) {
                int parentAt = indexOfId(all, o.parentId());
                assertTrue(parentAt >= 0 && parentAt < i, o.path() + " comes after its parent");
            }
            for (int j = 0; j < i; j++) {
                StoredObject earlier = all.get(j);
                if (earlier.parentId() == o.parentId()) {
                    assertTrue(earlier.id() < o.id(), "siblings by id: " + earlier.path() + ", " + o.path());
                }
            }
        }
    }

    @Test
    void readingTheChildrenOrDescendantsOfAMissingObjectIsRefused() {
        initRoot();
        assertRefused("no object with id 4242", () -> store.read(tx -> tx.children(4242)));
        assertRefused("no object with id 4242", () -> store.read(tx -> tx.descendants(4242)));
    }

    // ---- update

    @Test
    void updateSetsAndUnsetsFieldsAndTouchesUpdated() {
        StoredObject root = initRoot();
        Map<String, Value> initial = new LinkedHashMap<>();
        initial.put("a", IntegerValue.of(1));
        initial.put("c", IntegerValue.of(3));
        initial.put("d", IntegerValue.of(4));
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER, initial));
        clock.set(T0.plusSeconds(5));
        Map<String, Value> set = new LinkedHashMap<>();
        set.put("b", IntegerValue.of(2));
        set.put("a", IntegerValue.of(10));
        set.put("d", null);
        StoredObject updated = store.write("update",
                tx -> tx.update(o.id(), new ObjectUpdate(set, Set.of("c", "never_set"), null, null, null, null, null, true)));
        assertEquals("{a=10, d=null, b=2}", fieldsText(updated), "a field set again keeps its place; new ones go last");
        assertTrue(updated.fields().containsKey("d"), "null clears the field: it is stored as null, not unset");
        assertEquals(T0, updated.created());
        assertEquals(T0.plusSeconds(5), updated.updated());
        assertEquals(o.path(), updated.path());
        assertEquals(o.name(), updated.name());
        assertEquals(describe(updated), describe(get("/o")));
    }

    @Test
    void anUpdateThatDoesNotTouchKeepsUpdated() {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER, Map.of()));
        clock.set(T0.plusSeconds(5));
        StoredObject updated = store.write("queue", tx -> tx.update(o.id(),
                new ObjectUpdate(Map.of("queue", new ArrayValue()), Set.of(), null, null, null, null, null, false)));
        assertEquals(T0, updated.updated());
        assertEquals("{queue=[]}", fieldsText(updated));
    }

    @Test
    void updateChangesThePropertiesGivenAndKeepsTheOthers() {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, "O", OWNER, Map.of("f", IntegerValue.of(1))));
        DictionaryValue users = permissions("guest", "readable");
        DictionaryValue groups = permissions("wheel", "writable");
        StoredObject all = store.write("update", tx -> tx.update(o.id(),
                new ObjectUpdate(Map.of(), Set.of(), "Shown", "Described", "guest", users, groups, true)));
        assertEquals("Shown", all.displayName());
        assertEquals("Described", all.description());
        assertEquals("guest", all.owner());
        assertEquals(Rendering.nested(users), Rendering.nested(all.userPermissions()));
        assertEquals(Rendering.nested(groups), Rendering.nested(all.groupPermissions()));
        StoredObject none = store.write("update", tx -> tx.update(o.id(),
                new ObjectUpdate(Map.of(), Set.of(), null, null, null, null, null, true)));
        assertEquals(describe(all), describe(none));
    }

    @Test
    void aFieldCannotBeBothSetAndUnset() {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER, Map.of()));
        assertWriteRefused("/o: field 'f' is both set and unset", tx -> tx.update(o.id(),
                new ObjectUpdate(Map.of("f", IntegerValue.of(1)), Set.of("f"), null, null, null, null, null, true)));
    }

    @Test
    void updatingAMissingObjectIsRefused() {
        initRoot();
        assertWriteRefused("no object with id 42", tx -> tx.update(42, ObjectUpdate.fields(Map.of())));
    }

    // ---- move

    @Test
    void renamingKeepsTheIdAndTheDisplayNameFollowsTheName() {
        initRoot();
        StoredObject x = mkdirs("/dir/x");
        StoredObject child = mkdirs("/dir/x/child");
        clock.set(T0.plusSeconds(9));
        StoredObject renamed = store.write("rename", tx -> tx.move(x.id(), x.parentId(), "y"));
        assertEquals(x.id(), renamed.id());
        assertEquals("y", renamed.name());
        assertEquals("/dir/y", renamed.path());
        assertEquals("y", renamed.displayName(), "a display name equal to the old name follows (objects.md §2.2)");
        assertEquals(T0.plusSeconds(9), renamed.updated());
        assertEquals(T0, renamed.created());
        assertEquals(Optional.empty(), find("/dir/x"));
        assertEquals(Optional.empty(), find("/dir/x/child"));
        StoredObject movedChild = get("/dir/y/child");
        assertEquals(child.id(), movedChild.id());
        assertEquals(T0, movedChild.updated(), "descendants are not touched");
    }

    @Test
    void aDisplayNameDifferentFromTheNameStaysOnRename() {
        StoredObject root = initRoot();
        StoredObject x = store.write("create", tx -> tx.create(root.id(), "x", TYPE, "Custom", OWNER, Map.of()));
        assertEquals("Custom", store.write("rename", tx -> tx.move(x.id(), root.id(), "y")).displayName());
    }

    @Test
    void movingCarriesTheDescendantsAlong() {
        initRoot();
        StoredObject src = mkdirs("/src");
        StoredObject leaf = mkdirs("/src/a/leaf");
        long dst = mkdirs("/dst").id();
        StoredObject moved = store.write("move", tx -> tx.move(src.id(), dst, "src"));
        assertEquals("/dst/src", moved.path());
        assertEquals(dst, moved.parentId());
        assertEquals(leaf.id(), get("/dst/src/a/leaf").id());
        assertEquals("/dst/src/a/leaf", store.read(tx -> tx.get(leaf.id())).orElseThrow().path());
        assertEquals(List.of("/dst/src", "/dst/src/a", "/dst/src/a/leaf"), paths(store.read(tx -> tx.descendants(dst))));
        assertEquals(List.of("/dst"), paths(store.read(tx -> tx.children(tx.root().id()))));
        assertEquals(Optional.empty(), find("/src"));
        assertEquals(Optional.empty(), find("/src/a/leaf"));
    }

    @Test
    void movingAContainerIntoItselfOrADescendantIsRefused() {
        initRoot();
        StoredObject a = mkdirs("/a");
        long deep = mkdirs("/a/b/c").id();
        assertWriteRefused("/a: cannot move a container into itself or one of its descendants", tx -> tx.move(a.id(), a.id(), "x"));
        assertWriteRefused("/a: cannot move a container into itself or one of its descendants", tx -> tx.move(a.id(), deep, "x"));
    }

    @Test
    void movingOntoATakenNameIsRefused() {
        initRoot();
        StoredObject x = mkdirs("/a/x");
        mkdirs("/b/x");
        long b = get("/b").id();
        assertWriteRefused("/b: an object named 'x' already exists", tx -> tx.move(x.id(), b, "x"));
        mkdirs("/a/y");
        assertWriteRefused("/a: an object named 'y' already exists", tx -> tx.move(x.id(), x.parentId(), "y"));
    }

    @Test
    void movingAnObjectToWhereItIsChangesNothing() {
        initRoot();
        StoredObject x = mkdirs("/a/x");
        clock.set(T0.plusSeconds(3));
        String before = dump();
        StoredObject same = store.write("no-op", tx -> tx.move(x.id(), x.parentId(), "x"));
        assertEquals(describe(x), describe(same));
        assertEquals(before, dump());
    }

    @Test
    void movingAMissingObjectOrToAMissingParentIsRefused() {
        StoredObject root = initRoot();
        long a = mkdirs("/a").id();
        assertWriteRefused("no object with id 42", tx -> tx.move(42, root.id(), "x"));
        assertWriteRefused("no object with id 42", tx -> tx.move(a, 42, "x"));
    }

    // ---- copy

    @Test
    void copyIsRecursiveWithNewIdsNewTimesAndTheGivenOwner() {
        initRoot();
        StoredObject src = mkdirs("/src");
        StoredObject y = mkdirs("/src/y");
        mkdirs("/src/y/z");
        StoredObject x = store.write("create", tx -> tx.create(src.id(), "x", TYPE, "Ex", OWNER,
                Map.of("target", new ObjectRef(y.id()), "items", ArrayValue.of(IntegerValue.of(1)))));
        store.write("describe", tx -> tx.update(src.id(), new ObjectUpdate(Map.of(), Set.of(), null, "the source", null,
                permissions("guest", "readable"), null, true)));
        long dst = mkdirs("/dst").id();
        Set<Long> originalIds = new HashSet<>(ids(store.read(tx -> tx.descendants(tx.root().id()))));
        String originals = dump();
        clock.set(T0.plusSeconds(30));

        StoredObject copy = store.write("copy", tx -> tx.copy(src.id(), dst, "copy", "guest"));

        assertEquals("/dst/copy", copy.path());
        assertEquals(dst, copy.parentId());
        List<StoredObject> copies = store.read(tx -> tx.descendants(copy.id()));
        assertEquals(List.of("/dst/copy/y", "/dst/copy/y/z", "/dst/copy/x"), paths(copies),
                "the copies keep the order of the originals");
        List<StoredObject> all = new ArrayList<>(copies);
        all.add(0, copy);
        long previous = 0;
        for (StoredObject c : all) {
            assertFalse(originalIds.contains(c.id()), "a copy gets a new id");
            assertTrue(c.id() > previous, "new ids increase");
            previous = c.id();
            assertEquals(T0.plusSeconds(30), c.created());
            assertEquals(T0.plusSeconds(30), c.updated());
            assertEquals("guest", c.owner());
            assertEquals(TYPE, c.typeId());
        }
        assertEquals("copy", copy.displayName(), "the display name equalled the old name, so it follows the new one");
        assertEquals("the source", copy.description());
        assertEquals(Rendering.nested(permissions("guest", "readable")), Rendering.nested(copy.userPermissions()));
        StoredObject xCopy = get("/dst/copy/x");
        assertEquals("Ex", xCopy.displayName());
        assertEquals(fieldsText(x), fieldsText(xCopy));
        assertEquals(new ObjectRef(y.id()), xCopy.fields().get("target"),
                "an object reference into the copied subtree keeps pointing at the original");
        assertEquals(originals, dumpWithout("/dst/copy"), "the originals are unchanged");
    }

    @Test
    void aCopyOwnsItsValues() {
        StoredObject root = initRoot();
        StoredObject x = store.write("create", tx -> tx.create(root.id(), "x", TYPE, null, OWNER,
                Map.of("items", ArrayValue.of(IntegerValue.of(1)))));
        StoredObject copy = store.write("copy", tx -> tx.copy(x.id(), root.id(), "y", OWNER));
        assertNotSame(x.fields().get("items"), copy.fields().get("items"));
        assertNotSame(x.userPermissions(), copy.userPermissions());
        assertEquals(fieldsText(x), fieldsText(copy));
    }

    @Test
    void aCopyOfASelfTypedObjectIsAnInstanceOfTheOriginal() {
        initRoot();
        long types = mkdirs("/types").id();
        StoredObject typeObject = store.write("create",
                tx -> tx.create(types, "TypeObject", Transaction.SELF_TYPED, null, OWNER, Map.of()));
        StoredObject copy = store.write("copy", tx -> tx.copy(typeObject.id(), types, "Other", OWNER));
        assertEquals(typeObject.id(), copy.typeId());
    }

    @Test
    void copyingIntoItselfOntoATakenNameOrFromOrToAMissingObjectIsRefused() {
        initRoot();
        StoredObject a = mkdirs("/a");
        long deep = mkdirs("/a/b/c").id();
        long b = get("/a/b").id();
        assertWriteRefused("/a: cannot copy a container into itself or one of its descendants", tx -> tx.copy(a.id(), a.id(), "x", OWNER));
        assertWriteRefused("/a: cannot copy a container into itself or one of its descendants", tx -> tx.copy(a.id(), deep, "x", OWNER));
        assertWriteRefused("/a: an object named 'b' already exists", tx -> tx.copy(deep, a.id(), "b", OWNER));
        assertWriteRefused("no object with id 42", tx -> tx.copy(42, b, "x", OWNER));
        assertWriteRefused("no object with id 42", tx -> tx.copy(deep, 42, "x", OWNER));
    }

    // ---- delete

    @Test
    void deleteIsRecursive() {
        initRoot();
        StoredObject a = mkdirs("/a");
        StoredObject c = mkdirs("/a/b/c");
        mkdirs("/keep");
        assertEquals(3, (int) store.write("delete", tx -> tx.delete(a.id())));
        for (String path : List.of("/a", "/a/b", "/a/b/c")) {
            assertEquals(Optional.empty(), find(path));
        }
        assertEquals(Optional.empty(), store.read(tx -> tx.get(a.id())));
        assertEquals(Optional.empty(), store.read(tx -> tx.get(c.id())));
        assertEquals(List.of("/keep"), paths(store.read(tx -> tx.descendants(tx.root().id()))));
    }

    @Test
    void deletingALeafDeletesOneObject() {
        initRoot();
        StoredObject leaf = mkdirs("/leaf");
        assertEquals(1, (int) store.write("delete", tx -> tx.delete(leaf.id())));
    }

    @Test
    void deletingAMissingObjectIsRefused() {
        initRoot();
        assertWriteRefused("no object with id 42", tx -> tx.delete(42));
    }

    @Test
    void aWantedIdIsKeptOnlyWhenTheStoreNeverGaveIt() {
        StoredObject root = initRoot();
        StoredObject p = mkdirs("/p");
        StoredObject gone = mkdirs("/gone");
        store.write("delete", tx -> tx.delete(gone.id()));
        long wanted = p.id() + 1000;

        StoredObject z = store.write("import", tx -> tx.create(p.id(), "z", TYPE, null, OWNER, Map.of(), wanted));
        StoredObject y = store.write("create", tx -> tx.create(p.id(), "y", TYPE, null, OWNER, Map.of()));
        StoredObject taken = store.write("import", tx -> tx.create(root.id(), "taken", TYPE, null, OWNER, Map.of(), p.id()));
        StoredObject reused = store.write("import", tx -> tx.create(root.id(), "reused", TYPE, null, OWNER, Map.of(), gone.id()));
        StoredObject again = store.write("import", tx -> tx.create(root.id(), "again", TYPE, null, OWNER, Map.of(), wanted));

        assertEquals(wanted, z.id());
        assertEquals(List.of("y", "z"), names(store.read(tx -> tx.children(p.id()))), "children stay ordered by id");
        Set<Long> distinct = new HashSet<>(List.of(root.id(), p.id(), gone.id(), z.id(), y.id(), taken.id(), reused.id(), again.id()));
        assertEquals(8, distinct.size(), "an id is never given twice");
    }

    @Test
    void stampSetsBothTimestampsAndNothingElse() {
        initRoot();
        StoredObject a = mkdirs("/a");
        Instant created = Instant.parse("2020-01-02T03:04:05Z");
        Instant updated = Instant.parse("2021-06-07T08:09:10Z");
        clock.set(T0.plusSeconds(60));

        StoredObject stamped = store.write("stamp", tx -> tx.stamp(a.id(), created, updated));

        assertEquals(created, stamped.created());
        assertEquals(updated, stamped.updated());
        assertEquals(describe(stamped), describe(get("/a")));
        assertEquals(describe(a), describe(stamped).replace(created.toString(), a.created().toString())
                .replace(updated.toString(), a.updated().toString()));
        assertWriteRefused("no object with id 42", tx -> tx.stamp(42, created, updated));
    }

    @Test
    void idsIncreaseAndAreNeverReused() {
        initRoot();
        Set<Long> seen = new HashSet<>(List.of(get("/").id()));
        long last = get("/").id();
        for (int round = 0; round < 5; round++) {
            StoredObject a = mkdirs("/a");
            StoredObject b = mkdirs("/a/b");
            for (StoredObject o : List.of(a, b)) {
                assertTrue(seen.add(o.id()), "id " + o.id() + " reused");
                assertTrue(o.id() > last);
                last = o.id();
            }
            store.write("delete", tx -> tx.delete(a.id()));
        }
    }

    @Test
    void aNameFreedByDeleteCanBeTakenAgainInTheSameTransaction() {
        StoredObject root = initRoot();
        StoredObject a = mkdirs("/a");
        StoredObject again = store.write("replace", tx -> {
            tx.delete(a.id());
            return tx.create(root.id(), "a", TYPE, null, OWNER, Map.of());
        });
        assertTrue(again.id() > a.id());
        assertEquals(again.id(), get("/a").id());
    }

    // ---- transactions

    @Test
    void writeReturnsTheWorksResult() {
        initRoot();
        assertEquals("done", store.write("nothing", tx -> "done"));
        assertEquals("/", store.read(tx -> tx.root().path()));
    }

    @Test
    void aReadTransactionRefusesEveryWrite() {
        StoredObject root = initRoot();
        long a = mkdirs("/a").id();
        String before = dump();
        List<Consumer<Transaction>> writes = List.of(
                tx -> tx.create(root.id(), "b", TYPE, null, OWNER, Map.of()),
                tx -> tx.update(a, ObjectUpdate.fields(Map.of("f", IntegerValue.of(1)))),
                tx -> tx.move(a, root.id(), "b"),
                tx -> tx.copy(a, root.id(), "b", OWNER),
                tx -> tx.delete(a));
        for (Consumer<Transaction> write : writes) {
            assertRefused("read-only transaction", () -> store.read(tx -> {
                write.accept(tx);
                return null;
            }));
        }
        assertEquals(before, dump());
    }

    @Test
    void aTransactionSeesItsOwnWrites() {
        StoredObject root = initRoot();
        store.write("many", tx -> {
            StoredObject a = tx.create(root.id(), "a", TYPE, null, OWNER, Map.of());
            StoredObject b = tx.create(a.id(), "b", TYPE, null, OWNER, Map.of());
            assertEquals(b.id(), tx.get("/a/b").orElseThrow().id());
            assertEquals(List.of("/a/b"), paths(tx.children(a.id())));
            assertEquals(List.of("/a", "/a/b"), paths(tx.descendants(root.id())));
            tx.update(b.id(), ObjectUpdate.fields(Map.of("f", IntegerValue.of(1))));
            assertEquals("{f=1}", fieldsText(tx.get(b.id()).orElseThrow()));
            tx.move(a.id(), root.id(), "c");
            assertEquals(Optional.empty(), tx.get("/a/b"));
            assertEquals(b.id(), tx.get("/c/b").orElseThrow().id());
            StoredObject copy = tx.copy(a.id(), root.id(), "d", OWNER);
            assertEquals(List.of("/d/b"), paths(tx.descendants(copy.id())));
            tx.delete(a.id());
            assertEquals(Optional.empty(), tx.get(b.id()));
            assertEquals(List.of("/d", "/d/b"), paths(tx.descendants(root.id())));
            return null;
        });
        assertEquals(List.of("/d", "/d/b"), paths(store.read(tx -> tx.descendants(tx.root().id()))));
    }

    @Test
    void aTransactionThatThrowsChangesNothing() {
        StoredObject root = initRoot();
        StoredObject a = mkdirs("/a/b");
        long x = mkdirs("/x").id();
        String before = dump();
        clock.set(T0.plusSeconds(1));
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.write("all or nothing", tx -> {
            StoredObject n = tx.create(root.id(), "n", TYPE, null, OWNER, Map.of("f", IntegerValue.of(1)));
            tx.update(a.id(), ObjectUpdate.fields(Map.of("g", StringValue.of("changed"))));
            tx.update(root.id(), new ObjectUpdate(Map.of(), Set.of(), "Changed", null, null, null, null, true));
            tx.move(a.id(), n.id(), "moved");
            tx.copy(n.id(), root.id(), "copied", OWNER);
            tx.delete(x);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(before, dump());
    }

    @Test
    void aTransactionWhoseLastOperationBreaksARuleChangesNothing() {
        StoredObject root = initRoot();
        StoredObject a = mkdirs("/a");
        String before = dump();
        assertRefused("/: an object named 'n' already exists", () -> store.write("all or nothing", tx -> {
            tx.create(root.id(), "n", TYPE, null, OWNER, Map.of());
            tx.move(a.id(), root.id(), "renamed");
            return tx.create(root.id(), "n", TYPE, null, OWNER, Map.of());
        }));
        assertEquals(before, dump());
    }

    @Test
    void aFailedOperationChangesNothingSoTheWorkMayGoOn() {
        StoredObject root = initRoot();
        StoredObject deep = mkdirs(deepPath());
        StoredObject s = mkdirs("/s");
        mkdirs("/s/" + "d".repeat(118));
        store.write("carry on", tx -> {
            tx.create(root.id(), "kept", TYPE, null, OWNER, Map.of());
            assertThrows(StoreException.class, () -> tx.create(root.id(), "kept", TYPE, null, OWNER, Map.of()));
            assertThrows(StoreException.class, () -> tx.move(s.id(), deep.id(), "too_long"));
            assertThrows(StoreException.class, () -> tx.copy(s.id(), deep.id(), "too_long", OWNER));
            assertThrows(StoreException.class, () -> tx.move(root.id(), s.id(), "x"));
            assertThrows(StoreException.class, () -> tx.update(s.id(),
                    new ObjectUpdate(Map.of("f", IntegerValue.of(1)), Set.of("f"), "No", null, null, null, null, true)));
            return tx.create(root.id(), "after", TYPE, null, OWNER, Map.of());
        });
        assertEquals(List.of("/s/" + "d".repeat(118)), paths(store.read(tx -> tx.descendants(s.id()))));
        assertEquals(describe(s), describe(get("/s")));
        assertEquals("{}", fieldsText(get("/s")));
        assertTrue(find("/kept").isPresent());
        assertTrue(find("/after").isPresent());
        assertEquals(Optional.empty(), find(deep.path() + "/too_long"));
    }

    @Test
    void aReadKeepsItsViewWhileAWriteCommits() throws Exception {
        StoredObject root = initRoot();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<StoredObject> write = store.read(tx -> {
                Future<StoredObject> w = writer.submit(() -> store.write("late", t -> t.create(root.id(), "late", TYPE, null, OWNER, Map.of())));
                waitAWhile(w);
                assertEquals(Optional.empty(), tx.get("/late"), "a read sees one consistent tree");
                assertEquals(List.of(), tx.children(root.id()));
                return w;
            });
            write.get(10, TimeUnit.SECONDS);
            assertTrue(find("/late").isPresent(), "a later read sees the write");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void concurrentReadersSeeEitherTheOldOrTheNewTree() throws Exception {
        initRoot();
        long pairs = mkdirs("/pairs").id();
        int transactions = 100;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < transactions; i++) {
                    int n = i;
                    store.write("pair " + n, tx -> {
                        tx.create(pairs, "a" + n, TYPE, null, OWNER, Map.of());
                        tx.create(pairs, "b" + n, TYPE, null, OWNER, Map.of());
                        if (n > 0) {
                            tx.move(tx.get("/pairs/a" + (n - 1)).orElseThrow().id(), pairs, "c" + (n - 1));
                            tx.move(tx.get("/pairs/b" + (n - 1)).orElseThrow().id(), pairs, "d" + (n - 1));
                        }
                        return null;
                    });
                }
                done.set(true);
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!done.get() || reads == 0) {
                        store.read(tx -> {
                            checkPairs(tx, pairs);
                            checkConsistent(tx);
                            return null;
                        });
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(20, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(20, TimeUnit.SECONDS) > 0);
            }
            assertEquals(2 * transactions, store.read(tx -> tx.children(pairs)).size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks that the children of {@code pairs} come in whole transactions: {@code a<n>/b<n>} or, renamed later, {@code c<n>/d<n>}. */
    private static void checkPairs(Transaction tx, long pairs) {
        Set<String> names = new HashSet<>(names(tx.children(pairs)));
        int newest = -1;
        for (String name : names) {
            String partner = Map.of("a", "b", "b", "a", "c", "d", "d", "c").get(name.substring(0, 1)) + name.substring(1);
            assertTrue(names.contains(partner), name + " without " + partner + " in " + names);
            if (name.startsWith("a")) {
                assertEquals(-1, newest, "only the newest pair keeps its first names: " + names);
                newest = Integer.parseInt(name.substring(1));
            }
        }
        assertEquals(newest < 0 ? 0 : 2 * (newest + 1), names.size(), "every transaction adds a pair: " + names);
    }

    /** Checks that every object of {@code tx}'s tree is where its parent and name say. */
    private static void checkConsistent(Transaction tx) {
        StoredObject root = tx.root();
        Map<Long, StoredObject> byId = new HashMap<>();
        byId.put(root.id(), root);
        for (StoredObject o : tx.descendants(root.id())) {
            StoredObject parent = byId.get(o.parentId());
            assertTrue(parent != null, o.path() + " listed before its parent");
            assertEquals(TreeRules.childPath(parent.path(), o.name()), o.path());
            assertEquals(o.id(), tx.get(o.path()).orElseThrow().id());
            byId.put(o.id(), o);
        }
    }

    // ---- values

    @Test
    void theStoreKeepsCopiesOfTheValuesWritten() {
        StoredObject root = initRoot();
        ArrayValue items = ArrayValue.of(StringValue.of("x"));
        DictionaryValue env = new DictionaryValue();
        env.put("nested", items);
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER,
                Map.of("items", items, "env", env)));
        assertNotSame(items, o.fields().get("items"));
        assertNotSame(env, o.fields().get("env"));
        String stored = fieldsText(o);
        items.items().add(StringValue.of("changed by the caller"));
        env.put("new", IntegerValue.of(1));
        assertEquals(stored, fieldsText(get("/o")));

        ArrayValue later = ArrayValue.of(IntegerValue.of(1));
        DictionaryValue users = permissions("guest", "readable");
        StoredObject updated = store.write("update", tx -> tx.update(o.id(),
                new ObjectUpdate(Map.of("later", later), Set.of(), null, null, null, users, null, true)));
        assertNotSame(later, updated.fields().get("later"));
        assertNotSame(users, updated.userPermissions());
        String storedAfterUpdate = describe(updated);
        later.items().clear();
        users.put("intruder", new DictionaryValue());
        assertEquals(storedAfterUpdate, describe(get("/o")));
    }

    @Test
    void aSnapshotDoesNotChangeWhenTheObjectDoes() {
        StoredObject root = initRoot();
        StoredObject before = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER,
                Map.of("f", ArrayValue.of(IntegerValue.of(1)))));
        String described = describe(before);
        store.write("change", tx -> {
            tx.update(before.id(), new ObjectUpdate(Map.of("f", IntegerValue.of(2)), Set.of(), "Other", "d", "guest",
                    permissions("guest", "readable"), null, true));
            return tx.move(before.id(), root.id(), "renamed");
        });
        assertEquals(described, describe(before));
        assertEquals("/renamed", get("/renamed").path());
    }

    @Test
    void aSnapshotsFieldMapCannotBeChanged() {
        StoredObject root = initRoot();
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER, Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> o.fields().put("f", IntegerValue.of(1)));
    }

    // ---- time and closing

    @Test
    void timestampsComeFromTheStoresClock() {
        initRoot();
        clock.set(T0.plus(Duration.ofDays(1)));
        StoredObject a = mkdirs("/a");
        assertEquals(T0.plus(Duration.ofDays(1)), a.created());
        clock.set(T0.plus(Duration.ofDays(2)));
        StoredObject touched = store.write("touch", tx -> tx.update(a.id(), ObjectUpdate.fields(Map.of())));
        assertEquals(T0.plus(Duration.ofDays(1)), touched.created());
        assertEquals(T0.plus(Duration.ofDays(2)), touched.updated());
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedStoreRefusesWork() {
        initRoot();
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.read(Transaction::root));
        assertThrows(IllegalStateException.class, () -> store.write("late", tx -> null));
    }

    // ---- helpers

    /** Creates the root ({@code Root directory}, owned by {@link #OWNER}, of type {@link #TYPE}). */
    protected final StoredObject initRoot() {
        return store.write("create the root", tx -> tx.create(0, "", TYPE, "Root directory", OWNER, Map.of()));
    }

    /** Creates the missing objects along the absolute {@code path} (like {@code mkdir -p}); returns the last. */
    protected final StoredObject mkdirs(String path) {
        return store.write("mkdirs " + path, tx -> mkdirs(tx, path));
    }

    /** Creates the missing objects along the absolute {@code path} in {@code tx}; returns the last. */
    protected static StoredObject mkdirs(Transaction tx, String path) {
        StoredObject at = tx.root();
        for (String name : path.substring(1).split("/")) {
            Optional<StoredObject> next = tx.get(TreeRules.childPath(at.path(), name));
            at = next.isPresent() ? next.get() : tx.create(at.id(), name, TYPE, null, OWNER, Map.of());
        }
        return at;
    }

    /** Returns the object at {@code path}, which must exist. */
    protected final StoredObject get(String path) {
        return find(path).orElseThrow(() -> new AssertionError("no object at " + path));
    }

    /** Returns the object at {@code path}, if any. */
    protected final Optional<StoredObject> find(String path) {
        return store.read(tx -> tx.get(path));
    }

    /** Returns a path of seven 128-character names: 903 characters. */
    protected static String deepPath() {
        StringBuilder path = new StringBuilder();
        for (char c = 'a'; c < 'h'; c++) {
            path.append('/').append(String.valueOf(c).repeat(128));
        }
        return path.toString();
    }

    /** Asserts that {@code work} throws a {@link StoreException} with exactly {@code message}. */
    protected static void assertRefused(String message, Executable work) {
        StoreException e = assertThrows(StoreException.class, work);
        assertEquals(message, e.getMessage());
    }

    /** Asserts that a write running {@code work} is refused with {@code message} and changes nothing. */
    protected final void assertWriteRefused(String message, Consumer<Transaction> work) {
        String before = dump();
        assertRefused(message, () -> store.write("refused", tx -> {
            work.accept(tx);
            return null;
        }));
        assertEquals(before, dump());
    }

    /** Returns every object of the tree, one line each, with all its properties and fields. */
    protected final String dump() {
        return store.read(tx -> {
            StringBuilder out = new StringBuilder(describe(tx.root())).append('\n');
            for (StoredObject o : tx.descendants(tx.root().id())) {
                out.append(describe(o)).append('\n');
            }
            return out.toString();
        });
    }

    /** Returns {@link #dump()} without the subtree at {@code path}. */
    private String dumpWithout(String path) {
        return dump().lines().filter(line -> !line.contains(" " + path + " ") && !line.contains(" " + path + "/"))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    /** Returns all of {@code o} as text, values in their nested (quoted) form. */
    protected static String describe(StoredObject o) {
        return o.id() + " " + o.path() + " parent=" + o.parentId() + " name=" + o.name() + " type=" + o.typeId()
                + " display=" + o.displayName() + " description=" + o.description() + " owner=" + o.owner()
                + " created=" + o.created() + " updated=" + o.updated()
                + " users=" + Rendering.nested(o.userPermissions()) + " groups=" + Rendering.nested(o.groupPermissions())
                + " fields=" + fieldsText(o);
    }

    /** Returns the fields of {@code o} as {@code {name=value, ...}}; a cleared field shows {@code null}. */
    protected static String fieldsText(StoredObject o) {
        return o.fields().entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "null" : Rendering.nested(e.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Returns {@code {user: {right: true}}}. */
    protected static DictionaryValue permissions(String user, String right) {
        DictionaryValue rights = new DictionaryValue();
        rights.put(right, BooleanValue.of(true));
        DictionaryValue permissions = new DictionaryValue();
        permissions.put(user, rights);
        return permissions;
    }

    private static List<String> paths(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::path).collect(Collectors.toList());
    }

    private static List<String> names(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::name).collect(Collectors.toList());
    }

    private static List<Long> ids(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::id).collect(Collectors.toList());
    }

    private static int indexOfId(List<StoredObject> objects, long id) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Gives {@code write} a moment to finish: a store whose reads hold writes back lets it wait, one that does not lets it commit. */
    private static void waitAWhile(Future<?> write) {
        try {
            write.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the store makes writes wait for reads; the view must be consistent all the same
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test sets; thread-safe. */
    public static final class SettableClock extends Clock {

        private volatile Instant now;

        /** Creates the clock showing {@code now}. */
        public SettableClock(Instant now) {
            this.now = now;
        }

        /** Makes the clock show {@code instant}. */
        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC only");
        }
    }

    @org.junit.jupiter.api.Test
    void retypeGivesAnObjectAnotherTypeAtomically() {
        StoredObject root = initRoot();
        StoredObject type = store.write("type", tx -> tx.create(root.id(), "Kind", TYPE, null, OWNER, java.util.Map.of()));
        StoredObject retyped = store.write("retype", tx -> tx.retype(root.id(), type.id()));
        org.junit.jupiter.api.Assertions.assertEquals(type.id(), retyped.typeId());
        org.junit.jupiter.api.Assertions.assertEquals(type.id(), store.read(tx -> tx.root()).typeId());
        org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> store.write("bad", tx -> tx.retype(root.id(), 0)));
        org.junit.jupiter.api.Assertions.assertEquals(type.id(), store.read(tx -> tx.root()).typeId());
    }
}
