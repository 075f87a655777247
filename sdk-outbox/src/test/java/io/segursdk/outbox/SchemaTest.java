package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The schema is created once, recorded in outbox_schema_version, and a newer schema is refused. */
class SchemaTest {

    @Test
    void createdOnceAndANewerSchemaIsRefused() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Outbox.builder().dataSource(ds).build().close();
        Outbox.builder().dataSource(ds).build().close();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM outbox_schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getInt(2)).isEqualTo(2);
            }
            s.executeUpdate("INSERT INTO outbox_schema_version (version, applied_at) VALUES (99, 0)");
        }
        assertThatThrownBy(() -> Outbox.builder().dataSource(ds).build())
                .isInstanceOfSatisfying(OutboxException.class,
                        e -> assertThat(e.kind()).isEqualTo(OutboxException.Kind.STORAGE))
                .hasMessageContaining("schema version 99");
    }
}
