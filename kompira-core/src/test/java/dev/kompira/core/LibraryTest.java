package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.value.StringValue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Library objects backed by Java providers (objects.md §4.6). */
class LibraryTest {

    /** A provider with a normalising function and one that throws. */
    static final class TextLibrary implements LibraryProvider {
        @Override
        public String id() {
            return "test.text";
        }

        @Override
        public Map<String, LibraryFunction> functions() {
            return Map.of(
                    "normalize", args -> StringValue.of(((StringValue) args.positional().get(0)).value().strip().toLowerCase()),
                    "error", args -> {
                        throw new IllegalStateException("the library refused");
                    });
        }
    }

    @Test
    void libraryFunctionsAreCallableInExpressionsAndAsJobsAndTheirExceptionsFailTheJob() throws Exception {
        StringBuffer console = new StringBuffer();
        try (Kompira k = Kompira.builder().library(new TextLibrary()).console((pid, t) -> console.append(t)).build()) {
            String flow = String.join("\n",
                    "[lib = ./.add('textutil', /system/types/Library, {libraryType = 'module', modulePath = 'test.text'})] ->",
                    "print(./textutil.normalize('  Web01 ')) ->",
                    "[./textutil.normalize: ' DB '] -> print([$RESULT], $STATUS) ->",
                    "[./textutil.error] => print($STATUS, $ERROR) ->",
                    "{ try | [x = lib.error()] } -> print($ERROR) ->",
                    "{ try | [lib.missing] } -> print($ERROR)");
            assertTrue(k.start(k.compile("lib.kjf", flow), Map.of()).await(Duration.ofSeconds(30)).isDone(), console.toString());
        }
        assertEquals("web01\n['db'] 0\n1 the library refused\nthe library refused\n"
                + "object /textutil has no property, method or field 'missing'\n", console.toString());
    }
}
