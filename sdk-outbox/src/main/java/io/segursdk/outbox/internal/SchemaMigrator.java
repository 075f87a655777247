package io.segursdk.outbox.internal;

import io.segursdk.outbox.OutboxException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the outbox's tables. Migrations are plain SQL resources, {@code schema/<dialect>/V<n>.sql},
 * applied in order inside one transaction each; {@code outbox_schema_version} records those applied. On PostgreSQL
 * an advisory lock serialises instances starting at the same time.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final long ADVISORY_LOCK = 0x5e6075_0b0c5L;

    private SchemaMigrator() {
    }

    /**
     * @param dialect the database's dialect
     * @return the highest version this library knows for it
     */
    public static int latestVersion(Dialect dialect) {
        int v = 0;
        while (SchemaMigrator.class.getResource(resource(dialect, v + 1)) != null) {
            v++;
        }
        return v;
    }

    private static String resource(Dialect dialect, int version) {
        return "schema/" + dialect.folder() + "/V" + version + ".sql";
    }

    /**
     * Brings the schema to the latest version.
     *
     * @param dataSource the database
     * @param dialect    its dialect
     * @return the schema version now in place
     */
    public static int migrate(DataSource dataSource, Dialect dialect) {
        int latest = latestVersion(dialect);
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    if (dialect == Dialect.POSTGRESQL) {
                        s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
                    }
                    s.execute("CREATE TABLE IF NOT EXISTS outbox_schema_version (version INT PRIMARY KEY, "
                            + "applied_at BIGINT NOT NULL)");
                }
                int current;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM outbox_schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
                if (current > latest) {
                    throw new OutboxException(OutboxException.Kind.STORAGE, "the outbox database has schema version "
                            + current + ", newer than this library's " + latest + ": upgrade sdk-outbox", false, null);
                }
                for (int v = current + 1; v <= latest; v++) {
                    for (String sql : statements(read(resource(dialect, v)))) {
                        try (Statement s = c.createStatement()) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO outbox_schema_version (version, applied_at) VALUES (?, ?)")) {
                        p.setInt(1, v);
                        p.setLong(2, System.currentTimeMillis());
                        p.executeUpdate();
                    }
                    LOG.info("Outbox schema migrated to version {}", v);
                }
                c.commit();
                return latest;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new OutboxException(OutboxException.Kind.STORAGE, "cannot create or migrate the outbox schema",
                    false, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }

    /** Splits a script on semicolons at line ends, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
