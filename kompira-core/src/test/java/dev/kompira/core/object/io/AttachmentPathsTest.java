package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachmentPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app/holder/one.file | app/holder/one.file",
        "./app//holder/./one.file | app/holder/one.file",
        "app\\holder\\one.file | app/holder/one.file",
        "app/ | app",
        "./ | ''",
        "a..b/c.. | a..b/c..",
        "app/C:x | app/C:x",
        "日本語/ファイル.file | 日本語/ファイル.file"})
    void normalFormsAreSlashSeparatedWithoutEmptyOrDotSegments(String path, String normal) {
        assertEquals(normal, AttachmentPaths.normalize(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../x | '../x' has a '..' segment",
        "a/../b | 'a/../b' has a '..' segment",
        "a\\..\\..\\b | 'a\\..\\..\\b' has a '..' segment",
        "/etc/passwd | '/etc/passwd' is absolute",
        "\\\\server\\share | '\\\\server\\share' is absolute",
        "C:/Windows | 'C:/Windows' names a drive",
        "c:x | 'c:x' names a drive"})
    void pathsThatCouldLeaveTheBundleAreRefusedSayingWhy(String path, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AttachmentPaths.normalize(path)).getMessage());
    }

    @Test
    void aNulCharacterIsRefused() {
        assertEquals("'a\0b' contains a NUL character",
                assertThrows(IllegalArgumentException.class, () -> AttachmentPaths.normalize("a\0b")).getMessage());
    }
}
