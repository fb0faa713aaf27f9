package dk.consenthub.bench.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How the harness starts the hub and the two baselines: the same JVM, the same options, free loopback ports. */
final class Stack {

    /** A hub started in sandbox mode, with the port of its Mailchimp sandbox. */
    record Hub(Launched app, int mailchimpPort) {

        /** Waits until the inbox has no pending or processing event (gauge hub_inbox_depth); false on timeout. */
        boolean awaitInboxEmpty(Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String metrics = app.get("/actuator/prometheus", "admin:sandbox-admin");
                if (metrics.lines().anyMatch(line -> line.matches("hub_inbox_depth(\\{.*\\})? 0(\\.0)?"))) {
                    return true;
                }
                // every 5 s: each look is an admin's Basic sign-in, a BCrypt check in the hub (about 0.1 s of CPU)
                Thread.sleep(5000);
            }
            return false;
        }
    }

    private final Path repository;
    private final Path hubJar;
    private final Path benchJar;
    private final Path work;
    private final List<String> jvmOptions;
    private final List<String> hubArguments;
    private EmbeddedPostgres postgres;
    private int started;

    Stack(Path repository, Path hubJar, Path benchJar, Path work, List<String> jvmOptions, List<String> hubArguments) {
        this.repository = repository;
        this.hubJar = hubJar;
        this.benchJar = benchJar;
        this.work = work;
        this.jvmOptions = jvmOptions;
        this.hubArguments = hubArguments;
    }

    /** A hub on {@code dataDir}, started from the repository root (routes/ and mappings/ are read from there). */
    Hub hub(String name, Path dataDir, List<String> extraJvm, List<String> extraArgs) throws IOException {
        return hub(name, hubJar, dataDir, extraJvm, extraArgs);
    }

    /** The same, from {@code jar} (the packaged jar, or the extracted one). */
    Hub hub(String name, Path jar, Path dataDir, List<String> extraJvm, List<String> extraArgs) throws IOException {
        int port = Launched.freePort();
        int mailchimp = Launched.freePort();
        List<String> command = java(extraJvm);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--hub.data-dir=" + dataDir,
                "--hub.sandbox.gecko-port=" + Launched.freePort(),
                "--hub.sandbox.mailchimp-port=" + mailchimp,
                "--hub.sandbox.google-port=" + Launched.freePort()));
        command.addAll(hubArguments);
        command.addAll(extraArgs);
        if (postgres != null) {
            command.addAll(database(dataDir.getFileName().toString().replace('-', '_')));
        }
        return new Hub(launch(name, port, command, repository), mailchimp);
    }

    /** The accept baseline on its own H2 file database in {@code dataDir}. */
    Launched acceptBaseline(String name, Path dataDir) throws IOException {
        int port = Launched.freePort();
        List<String> command = benchMain("dk.consenthub.bench.baseline.AcceptBaselineApplication");
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("baseline")
                        // as durable as the hub's: each commit written before the answer (WRITE_DELAY=0)
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE;WRITE_DELAY=0"));
        return launch(name, port, command, work);
    }

    /** The start baseline: Boot + Camel + Security, nothing of the hub. */
    Launched bareStack(String name) throws IOException {
        int port = Launched.freePort();
        List<String> command = benchMain("dk.consenthub.bench.bare.BareStackApplication");
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        return launch(name, port, command, work);
    }

    /**
     * The hub as production should start it: the jar extracted ({@code java -Djarmode=tools -jar ... extract}, no
     * nested-jar class loading) with a class data sharing archive written by one training start (dynamic AppCDS:
     * started until healthy, stopped). Answers the extracted jar and the JVM options that use the archive.
     */
    Extracted extractedWithCds() throws IOException, InterruptedException {
        Path folder = work.resolve("hub-extracted");
        List<String> extract = java(List.of("-Djarmode=tools"));
        extract.addAll(List.of("-jar", hubJar.toString(), "extract", "--destination", folder.toString()));
        Process process = new ProcessBuilder(extract).directory(work.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("extracting " + hubJar + " failed");
        }
        Path jar = folder.resolve(hubJar.getFileName());
        Path archive = folder.resolve("hub.jsa");
        Launched training = hub("hub-cds-training", jar, newDataDir("cds-training"),
                List.of("-XX:ArchiveClassesAtExit=" + archive), List.of()).app();
        training.awaitHealthy(Duration.ofMinutes(5));
        training.stop();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training start wrote no CDS archive " + archive);
        }
        return new Extracted(jar, List.of("-XX:SharedArchiveFile=" + archive));
    }

    record Extracted(Path jar, List<String> jvmOptions) {
    }

    /**
     * Every hub from now on keeps its data in PostgreSQL 17 (embedded binaries, in the harness's process): a database
     * of its own per data folder, so hubs that share a folder (burst, then deliver) share a database.
     */
    void usePostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the process is ending anyway
            }
        }));
    }

    private List<String> database(String name) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IOException("could not create database " + name, e);
        }
        return List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", name),
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    Path newDataDir(String name) throws IOException {
        return Files.createDirectories(work.resolve("data-" + name));
    }

    private List<String> benchMain(String mainClass) {
        List<String> command = java(List.of("-Dloader.main=" + mainClass));
        command.addAll(List.of("-jar", benchJar.toString()));
        return command;
    }

    private List<String> java(List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(extra);
        return command;
    }

    private Launched launch(String name, int port, List<String> command, Path directory) throws IOException {
        Path log = work.resolve(String.format("%02d-%s.log", ++started, name));
        System.out.printf("  start %s (log %s)%n", name, log);
        return Launched.start(name, port, command, directory, log);
    }
}
