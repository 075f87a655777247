package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/** Several workers, each with its own outbox instance (as on separate machines), share one database. */
final class MultiWorkerContract {

    private MultiWorkerContract() {
    }

    static void noItemIsSentTwice(DataSource database, int workers, int itemsPerWorker) {
        Ledger ledger = new Ledger();
        Map<String, AtomicInteger> perWorker = new ConcurrentHashMap<>();
        List<Outbox> outboxes = new ArrayList<>();
        List<OutboxWorker> started = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                outboxes.add(Outbox.builder().dataSource(database).build());
            }
            int total = workers * itemsPerWorker;
            for (int i = 0; i < total; i++) {
                outboxes.get(i % workers).enqueue(EnqueueRequest.builder("mssante.message", "<" + i + "@example.org>")
                        .content(OutboxContent.of(("message " + i).getBytes(StandardCharsets.UTF_8))).build());
            }
            for (int w = 0; w < workers; w++) {
                String name = "machine-" + w;
                AtomicInteger count = perWorker.computeIfAbsent(name, k -> new AtomicInteger());
                LedgerSender sender = new LedgerSender(ledger) {
                    @Override
                    void afterDelivery(OutboxItem item) {
                        count.incrementAndGet();
                    }
                };
                started.add(outboxes.get(w).worker().workerId(name).sender("mssante.message", sender)
                        .concurrency(4).pollInterval(Duration.ofMillis(5)).start());
            }
            Await.until("all items sent", () -> outboxes.get(0).query(OutboxQuery.builder()
                    .statuses(OutboxStatus.SENT).limit(100_000).build()).size() == total);
            assertThat(ledger.keys()).isEqualTo(total);
            assertThat(ledger.total()).as("deliveries: one per item, none twice").isEqualTo(total);
            assertThat(perWorker.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(total);
            assertThat(outboxes.get(0).query(OutboxQuery.builder().limit(100_000).build()))
                    .allSatisfy(i -> assertThat(i.attempts()).isEqualTo(1));
        } finally {
            started.forEach(OutboxWorker::close);
            outboxes.forEach(Outbox::close);
        }
    }
}
