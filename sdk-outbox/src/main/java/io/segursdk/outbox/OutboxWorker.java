package io.segursdk.outbox;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.Violations;
import io.segursdk.outbox.internal.JdbcStore;
import io.segursdk.outbox.internal.JdbcStore.Claim;
import io.segursdk.outbox.internal.RateLimiter;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an outbox's pending items with the {@link OutboxSender} registered for their kind.
 *
 * <ul>
 *   <li>At most {@link Builder#concurrency(int)} sends at once; an optional rate limit per kind.</li>
 *   <li>A claimed item carries a lease ({@code claimed_by}, {@code lease_until}) that the worker renews while it
 *       sends; if the worker dies the lease expires and another worker (in this process or another) takes the item
 *       over. On PostgreSQL items are claimed with {@code FOR UPDATE SKIP LOCKED}; on H2 with a conditional update.
 *       Outcomes are recorded only while the claim still holds.</li>
 *   <li>A retryable failure ({@link SegurException#isRetryable()}) puts the item back to pending after an
 *       exponential backoff with jitter; a permanent one, or the last allowed attempt, makes it
 *       {@link OutboxStatus#FAILED} with the reason.</li>
 *   <li>Any attempt after the first starts with {@link OutboxSender#alreadyDelivered}: the previous one may have
 *       reached the service (a crash, an expired lease, an ambiguous failure), and then the item is recorded as sent
 *       without being sent again.</li>
 * </ul>
 *
 * <p>Logs name items by id and kind only. Thread-safe; {@link #close()} stops it.
 */
public final class OutboxWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final Outbox outbox;
    private final JdbcStore store;
    private final String workerId;
    private final Map<String, OutboxSender> senders;
    private final Map<String, RateLimiter> limiters;
    private final int concurrency;
    private final long leaseMs;
    private final long pollMs;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Duration shutdownTimeout;
    private final ExecutorService sends;
    private final Thread scheduler;
    private final Map<String, Claim> inFlight = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private boolean woken;

    private OutboxWorker(Builder b, Duration lease) {
        this.outbox = b.outbox;
        this.store = b.outbox.store();
        this.workerId = b.workerId != null ? b.workerId : "worker-" + UUID.randomUUID();
        this.senders = Map.copyOf(b.senders);
        Map<String, RateLimiter> l = new LinkedHashMap<>();
        b.rates.forEach((kind, rate) -> l.put(kind, new RateLimiter(rate[0], rate[1])));
        this.limiters = Map.copyOf(l);
        this.concurrency = b.concurrency;
        this.leaseMs = lease.toMillis();
        this.pollMs = b.pollInterval.toMillis();
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxAttempts = b.maxAttempts;
        this.shutdownTimeout = b.shutdownTimeout;
        AtomicInteger n = new AtomicInteger();
        this.sends = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "segur-outbox-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = new Thread(this::loop, "segur-outbox-worker");
        this.scheduler.setDaemon(true);
    }

    /** @return this worker's id, recorded in {@code claimed_by} on the items it claims */
    public String workerId() {
        return workerId;
    }

    /** @return the lease this worker takes on the items it claims (set, or derived from its senders) */
    public Duration leaseDuration() {
        return Duration.ofMillis(leaseMs);
    }

    /** @return the number of sends in progress */
    public int inFlight() {
        return inFlight.size();
    }

    /** Makes the worker look for due items now rather than at its next poll. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void start() {
        outbox.register(this);
        scheduler.start();
        LOG.info("Outbox worker {} started for {}", workerId, senders.keySet());
    }

    private void loop() {
        long lastRenew = System.nanoTime();
        List<String> kinds = new ArrayList<>(senders.keySet());
        int rotation = 0;
        while (!stopping) {
            try {
                if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenew) >= leaseMs / 3) {
                    renewLeases();
                    lastRenew = System.nanoTime();
                }
                int claimedNow = 0;
                for (int k = 0; k < kinds.size() && !stopping; k++) {
                    String kind = kinds.get((rotation + k) % kinds.size());
                    int free = concurrency - running.get();
                    if (free <= 0) {
                        break;
                    }
                    RateLimiter limiter = limiters.get(kind);
                    int wanted = limiter == null ? free : Math.min(free, limiter.available());
                    if (wanted <= 0) {
                        continue;
                    }
                    List<Claim> claims = store.claim(kind, wanted, workerId, leaseMs);
                    if (limiter != null) {
                        limiter.take(claims.size());
                    }
                    for (Claim c : claims) {
                        claimedNow++;
                        inFlight.put(c.item().id(), c);
                        running.incrementAndGet();
                        outbox.fire(c.item(), c.previous());
                        sends.execute(() -> process(c));
                    }
                }
                rotation++;
                if (claimedNow == 0 || running.get() >= concurrency) {
                    pause(pollMs);
                }
            } catch (RuntimeException e) {
                LOG.warn("Outbox worker {}: storage problem ({}); retrying", workerId, e.getClass().getSimpleName());
                pause(pollMs);
            }
        }
    }

    private void pause(long ms) {
        synchronized (signal) {
            if (!woken && !stopping) {
                try {
                    signal.wait(Math.max(1, Math.min(ms, leaseMs / 3)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            woken = false;
        }
    }

    private void renewLeases() {
        for (Claim c : inFlight.values()) {
            try {
                if (!store.renew(c, leaseMs)) {
                    LOG.warn("Outbox worker {} lost its lease on item {}", workerId, c.item().id());
                }
            } catch (RuntimeException e) {
                LOG.warn("Outbox worker {} could not renew its lease on item {}", workerId, c.item().id());
            }
        }
    }

    private void process(Claim claim) {
        OutboxItem item = claim.item();
        OutboxSender sender = senders.get(item.kind());
        try {
            byte[] metadata = store.readMetadata(item.id());
            if (item.attempts() > 1) {
                Optional<SendResult> earlier = sender.alreadyDelivered(item, metadata);
                if (earlier.isPresent()) {
                    LOG.info("Outbox item {} ({}) was already delivered; recorded as sent", item.id(), item.kind());
                    record(claim, OutboxStatus.SENT, earlier.get(), null, null);
                    return;
                }
            }
            if (store.markSendStarted(claim).isEmpty()) {
                // the lease ran out (the database was out of reach for too long): another worker may have the item
                LOG.warn("Outbox worker {} lost its claim on item {} before sending; not sent", workerId, item.id());
                return;
            }
            ContentSource content = () -> store.openContent(item.id());
            SendResult result = Objects.requireNonNull(sender.send(item, metadata, content), "the sender returned null");
            record(claim, OutboxStatus.SENT, result, null, null);
            LOG.info("Outbox item {} ({}) sent, attempt {}", item.id(), item.kind(), item.attempts());
        } catch (OutboxException e) {
            if (e.kind() != OutboxException.Kind.STORAGE) {
                failed(claim, error(e), e.isRetryable());
            } else {
                LOG.warn("Outbox worker {}: storage problem on item {}; its lease will expire", workerId, item.id());
            }
        } catch (SegurException e) {
            failed(claim, error(e), e.isRetryable());
        } catch (Exception e) {
            // Not an SDK exception: its message may carry anything, so only its type is kept.
            failed(claim, new OutboxError(e.getClass().getSimpleName(), null,
                    "unexpected failure in the sender (details withheld)"), true);
        } finally {
            inFlight.remove(item.id());
            running.decrementAndGet();
            wakeUp();
        }
    }

    private void failed(Claim claim, OutboxError error, boolean retryable) {
        OutboxItem item = claim.item();
        if (retryable && item.attempts() < maxAttempts) {
            Instant next = outbox.clock().instant().plus(backoff(item.attempts()));
            LOG.info("Outbox item {} ({}) attempt {} failed ({} {}); retry at {}", item.id(), item.kind(),
                    item.attempts(), error.type(), error.code() == null ? "" : error.code(), next);
            record(claim, OutboxStatus.PENDING, null, error, next);
        } else {
            LOG.warn("Outbox item {} ({}) failed after {} attempt(s): {} {}", item.id(), item.kind(),
                    item.attempts(), error.type(), error.code() == null ? "" : error.code());
            record(claim, OutboxStatus.FAILED, null, error, null);
        }
    }

    /** Exponential backoff with "equal jitter": half the delay fixed, half random. */
    Duration backoff(int attempts) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long delay = base;
        for (int i = 1; i < attempts && delay < cap; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, cap);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private void record(Claim claim, OutboxStatus to, SendResult result, OutboxError error, Instant next) {
        try {
            Optional<OutboxItem> recorded = store.complete(claim, to, result, error, next);
            if (recorded.isPresent()) {
                outbox.fire(recorded.get(), OutboxStatus.SENDING);
            } else {
                LOG.warn("Outbox worker {} lost its claim on item {} before recording {}", workerId,
                        claim.item().id(), to);
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox worker {} could not record {} for item {}; its lease will expire and the next attempt "
                    + "will check with the service first", workerId, to, claim.item().id());
        }
    }

    private static OutboxError error(SegurException e) {
        String code = e.code().orElse(null);
        if (code != null && e.subcode().isPresent()) {
            code = code + "/" + e.subcode().get();
        }
        return new OutboxError(e.getClass().getSimpleName(), code, e.getMessage());
    }

    /**
     * Stops claiming, waits up to the shutdown timeout for sends in progress, then interrupts them. Items whose
     * send did not finish stay {@link OutboxStatus#SENDING} until their lease expires; the worker that takes them
     * over checks with the service before sending again.
     */
    @Override
    public void close() {
        if (stopping && !scheduler.isAlive() && sends.isTerminated()) {
            return;
        }
        stopping = true;
        wakeUp();
        try {
            scheduler.join(shutdownTimeout.toMillis());
            sends.shutdown();
            if (!sends.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                sends.shutdownNow();
                sends.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            sends.shutdownNow();
            Thread.currentThread().interrupt();
        }
        outbox.unregister(this);
        LOG.info("Outbox worker {} stopped", workerId);
    }

    /** Configures and starts an {@link OutboxWorker}; from {@link Outbox#worker()}. Not thread-safe. */
    public static final class Builder {
        private static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
        private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);
        private final Outbox outbox;
        private final Map<String, OutboxSender> senders = new LinkedHashMap<>();
        private final Map<String, long[]> rates = new LinkedHashMap<>();
        private String workerId;
        private int concurrency = 2;
        private Duration lease;
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration initialBackoff = Duration.ofSeconds(30);
        private Duration maxBackoff = Duration.ofHours(1);
        private int maxAttempts = 20;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        Builder(Outbox outbox) {
            this.outbox = outbox;
        }

        /**
         * @param kind   a kind of item (for example {@code dmp.feed})
         * @param sender the sender for items of that kind
         * @return this builder
         */
        public Builder sender(String kind, OutboxSender sender) {
            senders.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(sender, "sender"));
            return this;
        }

        /**
         * @param concurrency the most sends at once (default 2)
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Limits how many items of a kind this worker starts sending per period (a token bucket holding up to
         * {@code permits}).
         *
         * @param kind    the kind
         * @param permits sends allowed per period
         * @param per     the period
         * @return this builder
         */
        public Builder rateLimit(String kind, int permits, Duration per) {
            if (permits < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least one permit over a positive period");
            }
            rates.put(Objects.requireNonNull(kind, "kind"), new long[] {permits, per.toNanos()});
            return this;
        }

        /**
         * @param lease how long a claim lasts without renewal (renewed every third of it while sending); after a
         *              crash, an item waits this long before another worker takes it over. Default: 5 minutes, or,
         *              when a registered sender declares a longer send ({@link OutboxSender#maxSendDuration()}),
         *              that longest send plus one minute. A lease set here must be longer than every declared send
         * @return this builder
         */
        public Builder leaseDuration(Duration lease) {
            if (lease.toMillis() < 30) {
                throw new IllegalArgumentException("the lease must be at least 30 ms");
            }
            this.lease = lease;
            return this;
        }

        /**
         * @param pollInterval how often to look for due items when idle (default 5 s; enqueues through the same
         *                     outbox wake the worker at once)
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /**
         * @param initial the delay after the first failure (default 30 s); doubled after each further one
         * @param max     the longest delay (default 1 hour)
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param maxAttempts the most attempts before an item that keeps failing is dead-lettered (default 20). A
         *                    check that ends in a {@link DeliveryUnknownException} counts as an attempt: keep the
         *                    backoffs of that many attempts longer than a sender's delivery grace period (the
         *                    defaults are: 30 s doubling, against the MSSanté sender's 15 minutes)
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param workerId this worker's id in {@code claimed_by} (default: {@code worker-} and a random UUID)
         * @return this builder
         */
        public Builder workerId(String workerId) {
            this.workerId = Objects.requireNonNull(workerId, "workerId");
            return this;
        }

        /**
         * @param timeout how long {@link OutboxWorker#close()} waits for sends in progress (default 30 s)
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @return the started worker
         * @throws IllegalStateException   when no sender is registered
         * @throws InvalidRequestException (field {@code leaseDuration}) when the lease is not longer than the longest
         *                                 send a sender declares ({@link OutboxSender#maxSendDuration()})
         */
        public OutboxWorker start() {
            if (senders.isEmpty()) {
                throw new IllegalStateException("register at least one sender");
            }
            Duration lease = this.lease != null ? this.lease : senders.values().stream().flatMap(s -> s.maxSendDuration().stream())
                        .map(longest -> longest.plus(LEASE_MARGIN))
                        .reduce(DEFAULT_LEASE, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            Violations v = new Violations();
            senders.forEach((kind, sender) -> sender.maxSendDuration().ifPresent(longest -> v.require(
                    lease.compareTo(longest) > 0, "leaseDuration", "the lease (" + lease + ") must be longer than "
                            + "the longest send of " + kind + " items (" + longest + ", from the client's timeouts "
                            + "and retries): a worker cut off from the database could still be sending when another "
                            + "takes the item over. Lengthen the lease or shorten the client's timeouts")));
            v.throwIfAny();
            OutboxWorker w = new OutboxWorker(this, lease);
            w.start();
            return w;
        }
    }
}
