package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Rendering;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The File value of language.md §4.13. */
class FileValueTest {

    private static final BinaryValue HOSTS = BinaryValue.of("web01\nweb02\n".getBytes(StandardCharsets.UTF_8));

    @Test
    void membersAndTextForm() {
        FileValue file = new FileValue("hosts.txt", HOSTS);
        assertEquals("File", file.typeName());
        assertEquals("hosts.txt", file.text());
        assertEquals("hosts.txt", Rendering.text(file));
        assertEquals("hosts.txt", Rendering.nested(file));
        assertEquals(12, file.size());
        assertNull(file.url());
        assertTrue(file.truthy());
    }

    @Test
    void equalWhenNameAndDataAreEqual() {
        FileValue file = new FileValue("hosts.txt", HOSTS);
        assertEquals(file, new FileValue("hosts.txt", BinaryValue.of(HOSTS.bytes())));
        assertEquals(file.hashCode(), new FileValue("hosts.txt", BinaryValue.of(HOSTS.bytes())).hashCode());
        assertNotEquals(file, new FileValue("hosts-v2.txt", HOSTS));
        assertNotEquals(file, new FileValue("hosts.txt", BinaryValue.EMPTY));
    }

    @Test
    void changingAMemberMakesANewValue() {
        FileValue file = new FileValue("hosts.txt", HOSTS);
        assertEquals(new FileValue("hosts-v2.txt", HOSTS), file.withName("hosts-v2.txt"));
        assertEquals(0, file.withData(BinaryValue.EMPTY).size());
        assertEquals("hosts.txt", file.name());
    }

    @Test
    void componentsAreRequired() {
        assertThrows(NullPointerException.class, () -> new FileValue(null, HOSTS));
        assertThrows(NullPointerException.class, () -> new FileValue("a", null));
    }
}
