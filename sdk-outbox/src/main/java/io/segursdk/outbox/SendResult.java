package io.segursdk.outbox;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a service returned for a delivered item: its identifiers, by name. For example a DMP feed records
 * {@code uniqueId} and {@code entryUUID}; an MSSanté message records {@code messageId}. Names and values must be
 * free of patient data: they are stored in clear and shown in logs and tools.
 *
 * @param serviceIds the service's identifiers, by name (may be empty, never {@code null})
 */
public record SendResult(Map<String, String> serviceIds) {

    /** @param serviceIds the service's identifiers, by name */
    public SendResult {
        Objects.requireNonNull(serviceIds, "serviceIds");
        for (Map.Entry<String, String> e : serviceIds.entrySet()) {
            ServiceIds.check(e.getKey(), e.getValue());
        }
        serviceIds = Collections.unmodifiableMap(new TreeMap<>(serviceIds));
    }

    /**
     * @param name  an identifier's name (letters, digits, {@code .}, {@code _}, {@code -})
     * @param value its value (one line)
     * @return a result carrying that one identifier
     */
    public static SendResult of(String name, String value) {
        return new SendResult(Map.of(name, value));
    }

    /** @return a result carrying no identifier (the service returned none) */
    public static SendResult empty() {
        return new SendResult(Map.of());
    }

    /** Checks identifier names and values; not part of the API. */
    static final class ServiceIds {
        private ServiceIds() {
        }

        static void check(String name, String value) {
            Objects.requireNonNull(name, "service id name");
            Objects.requireNonNull(value, "service id value");
            if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("service id names use letters, digits, '.', '_' and '-': " + name);
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("service id values are one line: " + name);
            }
        }
    }
}
