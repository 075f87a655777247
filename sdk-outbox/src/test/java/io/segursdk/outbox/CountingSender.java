package io.segursdk.outbox;

import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real sender to count its calls and to let a test act around them (kill the process, measure overlap).
 * The wrapped sender does the real work.
 */
class CountingSender implements OutboxSender {

    final OutboxSender delegate;
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();

    CountingSender(OutboxSender delegate) {
        this.delegate = delegate;
    }

    @Override
    public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
        return counted(item, () -> delegate.send(item, metadata, content));
    }

    @Override
    public SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
        return counted(item, () -> delegate.send(item, metadata, content));
    }

    private SendResult counted(OutboxItem item, java.util.function.Supplier<SendResult> call) {
        sends.incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            beforeCall(item);
            SendResult result = call.get();
            afterCall(item);
            return result;
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
        checks.incrementAndGet();
        return delegate.alreadyDelivered(item, metadata);
    }

    /** Called before the real sender is. */
    void beforeCall(OutboxItem item) {
    }

    /** Called once the real sender returned, before the worker records the outcome. */
    void afterCall(OutboxItem item) {
    }
}
