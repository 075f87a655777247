package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content and metadata encrypted at rest with the vendor's key. */
class EncryptionTest {

    @TempDir
    Path dir;

    private SecretKey key;
    private final byte[] content = new byte[300_000]; // three chunks
    private final byte[] metadata = "patient INS 1 23 45 67 890 123 45".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        KeyGenerator kg = KeyGenerator.getInstance("AES");
        kg.init(256);
        key = kg.generateKey();
        new SecureRandom().nextBytes(content);
        byte[] marker = "CONFIDENTIAL-REPORT".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(marker, 0, content, 1000, marker.length);
    }

    private String enqueueEncrypted() {
        try (Outbox outbox = Outbox.builder().embedded(dir).encryptionKey(key).build()) {
            return outbox.enqueue(EnqueueRequest.builder("dmp.feed", "enc").metadata(metadata)
                    .content(OutboxContent.of(content)).build()).id();
        }
    }

    @Test
    void roundTripAndNothingInClearAtRest() throws Exception {
        String id = enqueueEncrypted();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("outbox"), "outbox", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT metadata, encrypted FROM outbox_item")) {
                rs.next();
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("INS");
            }
            try (ResultSet rs = s.executeQuery("SELECT data FROM outbox_chunk ORDER BY seq")) {
                int chunks = 0;
                while (rs.next()) {
                    chunks++;
                    assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
                            .doesNotContain("CONFIDENTIAL");
                }
                assertThat(chunks).isEqualTo(3);
            }
        }
        Ledger ledger = new Ledger();
        try (Outbox outbox = Outbox.builder().embedded(dir).encryptionKey(key).build()) {
            assertThat(outbox.readMetadata(id)).isEqualTo(metadata);
            try (InputStream in = outbox.openContent(id)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(ledger)).start()) {
                Await.status(outbox, id, OutboxStatus.SENT);
            }
        }
        assertThat(ledger.digest("enc")).isEqualTo(LedgerSender.digest(content));
    }

    @Test
    void wrongKeyIsATypedContentError() throws Exception {
        String id = enqueueEncrypted();
        KeyGenerator kg = KeyGenerator.getInstance("AES");
        kg.init(256);
        try (Outbox outbox = Outbox.builder().embedded(dir).encryptionKey(kg.generateKey()).build()) {
            assertThat(outbox.get(id)).as("status stays readable").isPresent();
            assertThatThrownBy(() -> outbox.readMetadata(id)).isInstanceOfSatisfying(OutboxException.class,
                    e -> assertThat(e.kind()).isEqualTo(OutboxException.Kind.CONTENT))
                    .hasMessageContaining("wrong encryption key");
            assertThatThrownBy(() -> {
                try (InputStream in = outbox.openContent(id)) {
                    in.readAllBytes();
                }
            }).isInstanceOfSatisfying(OutboxException.class,
                    e -> assertThat(e.kind()).isEqualTo(OutboxException.Kind.CONTENT));
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(new Ledger())).start()) {
                OutboxItem failed = Await.status(outbox, id, OutboxStatus.FAILED);
                assertThat(failed.lastError()).get().extracting(OutboxError::type).isEqualTo("OutboxException");
            }
        }
    }

    @Test
    void missingKeyIsATypedContentError() {
        String id = enqueueEncrypted();
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            assertThatThrownBy(() -> outbox.openContent(id)).isInstanceOf(OutboxException.class)
                    .hasMessageContaining("no encryption key");
        }
    }

    @Test
    void aTruncatedContentIsDetected() throws Exception {
        String id = enqueueEncrypted();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("outbox"), "outbox", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM outbox_chunk WHERE seq = 2");
            s.executeUpdate("UPDATE outbox_item SET content_chunks = 2");
        }
        try (Outbox outbox = Outbox.builder().embedded(dir).encryptionKey(key).build();
             InputStream in = outbox.openContent(id)) {
            byte[] first = in.readNBytes(131_072);
            assertThat(first).isEqualTo(Arrays.copyOf(content, 131_072));
            assertThatThrownBy(in::readAllBytes).isInstanceOf(OutboxException.class);
        }
    }
}
