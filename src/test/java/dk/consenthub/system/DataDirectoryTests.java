package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder and the files in it are the hub user's alone (this machine is POSIX; CI runs here). */
class DataDirectoryTests {

    @TempDir
    Path temp;

    @Test
    void aNewFolderIsCreatedOwnerOnly() throws Exception {
        Path folder = temp.resolve("data/nested");
        DataDirectory.secure(folder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderAndItsFilesAreMadeOwnerOnly() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path database = Files.writeString(folder.resolve("consent-hub.mv.db"), "x");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        DataDirectory.secure(folder);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }
}
