package io.segursdk.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the service in the engine tests: records every delivery it accepts (duplicates included, as a service
 * without an idempotency check would) and answers "do you already have this key?".
 */
final class Ledger {

    private final Map<String, List<String>> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();

    /** Accepts a delivery and returns the identifier the service gives it. */
    String deliver(String key, String contentDigest) {
        String serviceId = "doc-" + serial.incrementAndGet();
        deliveries.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (deliveries.get(key)) {
            deliveries.get(key).add(serviceId + ":" + contentDigest);
        }
        return serviceId;
    }

    Optional<String> lookup(String key) {
        List<String> d = deliveries.get(key);
        if (d == null) {
            return Optional.empty();
        }
        synchronized (d) {
            return d.isEmpty() ? Optional.empty() : Optional.of(d.get(0).substring(0, d.get(0).indexOf(':')));
        }
    }

    int count(String key) {
        List<String> d = deliveries.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            return d.size();
        }
    }

    String digest(String key) {
        List<String> d = deliveries.get(key);
        synchronized (d) {
            return d.get(0).substring(d.get(0).indexOf(':') + 1);
        }
    }

    int total() {
        return deliveries.values().stream().mapToInt(List::size).sum();
    }

    int keys() {
        return deliveries.size();
    }
}
