package org.skaben.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSecretTest {

    @TempDir
    Path data;

    private boolean posix() {
        return data.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void madeUpOnceInAFolderThatDoesNotExistYetAndReusedOnTheNextStart() throws Exception {
        Path file = data.resolve("not-yet/api-token");
        StoredSecret first = StoredSecret.in(file);
        assertTrue(first.created());
        assertTrue(first.value().matches("[0-9a-f]{48}"), first.value());
        assertEquals(first.value(), Files.readString(file).trim());

        StoredSecret next = StoredSecret.in(file);
        assertFalse(next.created());
        assertEquals(first.value(), next.value());
        assertEquals(file, next.file());
        // nothing but the secret is left in the folder
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void eachFileHoldsItsOwnSecret() {
        assertNotEquals(StoredSecret.in(data.resolve("api-token")).value(),
                StoredSecret.in(data.resolve("device-password")).value());
    }

    @Test
    void aSecretSetByHandInTheFileIsUsed() throws Exception {
        Path file = data.resolve("device-password");
        Files.writeString(file, "chosen-by-hand\n");
        assertEquals("chosen-by-hand", StoredSecret.in(file).value());
    }

    @Test
    void aBlankFileGetsANewSecret() throws Exception {
        Path file = data.resolve("device-password");
        Files.writeString(file, "  \n");
        StoredSecret secret = StoredSecret.in(file);
        assertTrue(secret.created());
        assertEquals(secret.value(), Files.readString(file).trim());
    }

    @Test
    void onlyTheServersUserMayReadIt() throws Exception {
        assumeTrue(posix(), "the file system has no POSIX permissions");
        Path file = data.resolve("api-token");
        StoredSecret.in(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        // a kept file someone opened up is made private again
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StoredSecret.in(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
