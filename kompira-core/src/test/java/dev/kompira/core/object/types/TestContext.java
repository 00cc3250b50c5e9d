package dev.kompira.core.object.types;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A conversion context over a fixed set of objects, with relative paths resolved against {@code /user/app}. */
final class TestContext implements ConversionContext {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Map<String, Long> ids = new HashMap<>();
    private final Map<Long, String> paths = new HashMap<>();
    private final Map<Long, String> refusals = new HashMap<>();
    private List<String> dynamicChoices;

    /** A context knowing {@code /user/app/web1} (id 10), {@code /user/app/db1} (11), {@code /system/types/NodeInfo} (5). */
    static TestContext standard() {
        return new TestContext().with("/user/app/web1", 10).with("/user/app/db1", 11).with("/system/types/NodeInfo", 5);
    }

    TestContext with(String path, long id) {
        ids.put(path, id);
        paths.put(id, path);
        return this;
    }

    /** Makes {@link #objectRestriction} refuse {@code id} with {@code reason}. */
    TestContext refusing(long id, String reason) {
        refusals.put(id, reason);
        return this;
    }

    /** Makes {@link #resolveEnum} resolve every non-static enum to {@code choices}. */
    TestContext resolvingEnumTo(List<String> choices) {
        dynamicChoices = choices;
        return this;
    }

    @Override
    public ZoneId zone() {
        return TOKYO;
    }

    @Override
    public Optional<Long> resolveObject(String path) {
        String absolute = path.startsWith("/") ? path : "/user/app/" + path.replaceFirst("^\\./", "");
        return Optional.ofNullable(ids.get(absolute));
    }

    @Override
    public Optional<String> objectPath(long id) {
        return Optional.ofNullable(paths.get(id));
    }

    @Override
    public Optional<String> objectRestriction(FieldType type, long targetId) {
        return Optional.ofNullable(refusals.get(targetId));
    }

    @Override
    public Optional<List<String>> resolveEnum(FieldType type) {
        return Optional.ofNullable(dynamicChoices);
    }
}
