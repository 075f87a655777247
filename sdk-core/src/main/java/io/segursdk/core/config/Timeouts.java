package io.segursdk.core.config;

import io.segursdk.core.error.Violations;

import java.time.Duration;

/**
 * Network time limits for one client.
 *
 * @param connect how long to wait for a TCP connection and TLS handshake
 * @param read    how long to wait for the response (for a streamed body: between two reads)
 */
public record Timeouts(Duration connect, Duration read) {

    /** 10 s to connect, 60 s to read: what the national services need under normal load. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    /**
     * Checks both limits are positive.
     *
     * @throws io.segursdk.core.error.InvalidRequestException when a limit is missing, zero or negative
     */
    public Timeouts {
        Violations v = new Violations();
        v.require(connect != null && !connect.isNegative() && !connect.isZero(), "timeouts.connect", "must be positive");
        v.require(read != null && !read.isNegative() && !read.isZero(), "timeouts.read", "must be positive");
        v.throwIfAny();
    }
}
