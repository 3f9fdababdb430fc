package org.skaben.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the server makes up when the installation configured none (the device password, the API token),
 * kept in a file so that it stays the same across restarts: a restart must not lock out every field device
 * and every game master's script. The file is readable and writable only by the server's user (POSIX 600
 * where the file system has POSIX permissions).
 *
 * @param value   the secret
 * @param file    where it is kept
 * @param created true if it was made up on this start, false if it was read from the file
 */
public record StoredSecret(String value, Path file, boolean created) {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Logger LOG = LoggerFactory.getLogger(StoredSecret.class);

    /**
     * The secret the installation configured under {@code key}, or, if it left it empty, the one kept in
     * {@code file} (made up on the first start), logged with {@code what} it is at every start.
     */
    public static String configuredOrKept(String configured, Path file, String key, String what) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        StoredSecret secret = in(file);
        LOG.warn("{} is not set: {} {} ({} {}; delete that file for a new one at the next start)", key, what,
                secret.value(), secret.created() ? "made up now and kept in" : "kept in", secret.file().toAbsolutePath());
        return secret.value();
    }

    /** 24 random bytes in hex. */
    public static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The secret kept in {@code file}; if there is none yet (or the file is blank), a new one, stored there first. */
    public static StoredSecret in(Path file) {
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    ownerOnly(file);
                    return new StoredSecret(kept, file, false);
                }
            }
            String secret = random();
            store(file, secret);
            return new StoredSecret(secret, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a secret in " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Written to a file of the same folder that is private from its creation, then moved in place: the secret
     * is never readable by others, and a crash midway leaves no half-written secret.
     */
    private static void store(Path file, String secret) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = posix(folder)
                ? Files.createTempFile(folder, file.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(folder, file.getFileName().toString(), ".new");
        try {
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileAlreadyExistsException | java.nio.file.AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A kept file someone made readable to others (a copy, a restore from backup) is made private again. */
    private static void ownerOnly(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent()) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
