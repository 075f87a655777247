package io.segursdk.outbox;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A private PostgreSQL server for the tests: {@code initdb} into {@code target/}, {@code pg_ctl start} on a free
 * loopback port with its unix socket directory beside it, stopped when the test JVM exits. Run as the
 * {@code postgres} user when the tests run as root (initdb refuses root). Without the binaries the tests are
 * skipped, except under {@code CI=true}, where that is a failure.
 */
final class PostgresServer {

    private static PostgresServer instance;

    private final Path data;
    private final List<String> asUser;
    private final Path pgCtl;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path data, List<String> asUser, Path pgCtl, int port) {
        this.data = data;
        this.asUser = asUser;
        this.pgCtl = pgCtl;
        this.port = port;
    }

    /** @return the running server, started on first use; skips the calling test when PostgreSQL is absent */
    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static Path findBin() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("SEGUR_PG_BIN");
        if (env != null) {
            dirs.add(Path.of(env));
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty()) {
                dirs.add(Path.of(p));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing((Path v) -> {
                    String n = v.getFileName().toString();
                    return n.matches("\\d+") ? Integer.parseInt(n) : 0;
                }).reversed()).forEach(v -> dirs.add(v.resolve("bin")));
            } catch (IOException ignored) {
                // no Debian layout
            }
        }
        for (Path d : dirs) {
            if (Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl"))) {
                return d;
            }
        }
        return null;
    }

    private static PostgresServer start() {
        Path bin = findBin();
        if (bin == null) {
            String why = "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin;"
                    + " install Debian's 'postgresql' package (or set SEGUR_PG_BIN) to run the PostgreSQL tests";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path base = Path.of("target").toAbsolutePath();
            if (root && !traversableByOthers(base)) {
                base = Path.of(System.getProperty("java.io.tmpdir"));
            }
            Path dir = Files.createTempDirectory(base, "postgres-");
            Path data = dir.resolve("data");
            Path sock = Files.createDirectory(dir.resolve("sock"));
            List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(sock, postgres);
            }
            run(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "outbox", "--auth=trust",
                    "-E", "UTF8", "--no-sync", "--no-instructions");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            run(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + sock + " -c listen_addresses=127.0.0.1 -c fsync=off "
                            + "-c max_connections=100", "start");
            PostgresServer server = new PostgresServer(data, asUser, bin.resolve("pg_ctl"), port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL", e);
        }
    }

    private static boolean traversableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)
                    && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static void run(List<String> prefix, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            run(asUser, pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "stop");
        } catch (IOException | RuntimeException ignored) {
            // the JVM is exiting
        }
    }

    /** @return a pooled data source on a new, empty database */
    DataSource newDatabase() {
        String name = "outbox_" + databases.incrementAndGet();
        try (Connection c = pooled("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database", e);
        }
        return pooled(name);
    }

    private DataSource pooled(String database) {
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setServerNames(new String[] {"127.0.0.1"});
        pg.setPortNumbers(new int[] {port});
        pg.setDatabaseName(database);
        pg.setUser("outbox");
        JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
        pool.setMaxConnections(20);
        return pool;
    }
}
