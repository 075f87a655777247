package io.segursdk.outbox;

import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** Several workers sharing one H2 database (an application server using H2 in server mode, for instance). */
class H2MultiWorkerTest {

    @Test
    void fourWorkersOnOneDatabaseNeverSendAnItemTwice() {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        pool.setMaxConnections(40);
        try {
            MultiWorkerContract.noItemIsSentTwice(pool, 4, 200);
        } finally {
            pool.dispose();
        }
    }
}
