package dk.consenthub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder (H2 database, anything else the hub keeps on disk) belongs to the hub's user alone: the folder is
 * created {@code rwx------} and the files in it are made {@code rw-------} at every start, before the database
 * opens. Files the database creates later are inside a folder no one else can enter.
 */
final class DataDirectory {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    static void secure(Path folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // not a POSIX file system: permissions are the operating system's business
        }
        try {
            if (!Files.exists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            Files.setPosixFilePermissions(folder, FOLDER);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file)) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hub.data-dir " + folder + " could not be made private", e);
        }
    }
}
