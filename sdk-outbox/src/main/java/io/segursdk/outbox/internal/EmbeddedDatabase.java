package io.segursdk.outbox.internal;

import io.segursdk.outbox.OutboxException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

/** The embedded default: an H2 file database in a directory the vendor chooses, behind H2's own small pool. */
public final class EmbeddedDatabase implements AutoCloseable {

    private final JdbcConnectionPool pool;

    private EmbeddedDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * @param directory      the directory holding the database files (created if missing)
     * @param maxConnections the pool's size
     * @return the opened database
     */
    public static EmbeddedDatabase open(Path directory, int maxConnections) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Kind.STORAGE, "cannot create the outbox directory", false, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("outbox")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        try {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "outbox", "");
            pool.setMaxConnections(maxConnections);
            return new EmbeddedDatabase(pool);
        } catch (NoClassDefFoundError e) {
            throw new OutboxException(OutboxException.Kind.STORAGE, "the embedded outbox database needs H2 "
                    + "(com.h2database:h2) on the class path; add it, or give the outbox a DataSource", false, e);
        }
    }

    /** @return the data source */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool's connections, which closes the database files. */
    @Override
    public void close() {
        pool.dispose();
    }
}
