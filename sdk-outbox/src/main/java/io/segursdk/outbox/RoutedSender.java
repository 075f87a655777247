package io.segursdk.outbox;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One sender per route, for a kind of item that several professionals (or structures) send with their own
 * identity through one outbox and one worker: each item names its route at enqueue
 * ({@link EnqueueRequest.Builder#route(String)}), and the sender registered under that route sends it, with its own
 * client and credentials. Nothing about credentials is stored in the database: the route is only a name, resolved
 * when the item is sent.
 *
 * <pre>{@code
 * OutboxSender mail = RoutedSender.builder()
 *         .route("dr.martin@hopital.mssante.fr", MssanteSender.builder(martinsClient).build())
 *         .route("dr.durand@hopital.mssante.fr", MssanteSender.builder(durandsClient).build())
 *         .build();
 * outbox.worker().sender(MssanteOutbox.KIND, mail).start();
 * }</pre>
 *
 * <p>An item without a route, or whose route has no sender, fails ({@link OutboxStatus#FAILED}) with an
 * {@link OutboxException} of kind {@link OutboxException.Kind#ROUTE}: register the sender, then
 * {@link Outbox#release(String) release} it. Immutable and thread-safe when its senders are.
 */
public final class RoutedSender implements OutboxSender {

    private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");

    private final Map<String, OutboxSender> routes;

    private RoutedSender(Map<String, OutboxSender> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    static String checkRoute(String route) {
        Objects.requireNonNull(route, "route");
        if (!ROUTE.matcher(route).matches()) {
            throw new IllegalArgumentException("a route is 1 to 200 letters, digits, '.', '_', '@', '+' or '-'");
        }
        return route;
    }

    /**
     * @param item an item
     * @return the sender registered for the item's route
     * @throws OutboxException of kind {@link OutboxException.Kind#ROUTE} when the item has no route or its route
     *                         no sender
     */
    public OutboxSender senderFor(OutboxItem item) {
        String route = item.route().orElseThrow(() -> new OutboxException(OutboxException.Kind.ROUTE,
                "item " + item.id() + " has no route: enqueue it with EnqueueRequest.Builder.route(...)", false,
                null));
        OutboxSender sender = routes.get(route);
        if (sender == null) {
            throw new OutboxException(OutboxException.Kind.ROUTE, "no sender is registered for the route of item "
                    + item.id(), false, null);
        }
        return sender;
    }

    @Override
    public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
        return senderFor(item).send(item, metadata, content);
    }

    @Override
    public SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
        return senderFor(item).send(item, metadata, content);
    }

    @Override
    public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
        return senderFor(item).alreadyDelivered(item, metadata);
    }

    /** @return the longest of the routes' senders' bounds, when at least one declares one */
    @Override
    public Optional<Duration> maxSendDuration() {
        return routes.values().stream().map(OutboxSender::maxSendDuration).flatMap(Optional::stream)
                .max(Duration::compareTo);
    }

    @Override
    public String toString() {
        return "RoutedSender[" + routes.size() + " route(s)]";
    }

    /** Builds a {@link RoutedSender}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, OutboxSender> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param route  the route's name, as given at enqueue (letters, digits, {@code . _ - @ +}, at most 200)
         * @param sender the sender of that route's items
         * @return this builder
         * @throws IllegalArgumentException when the route is malformed or already registered
         */
        public Builder route(String route, OutboxSender sender) {
            checkRoute(route);
            Objects.requireNonNull(sender, "sender");
            if (sender instanceof RoutedSender) {
                throw new IllegalArgumentException("a route's sender cannot itself be routed");
            }
            if (routes.putIfAbsent(route, sender) != null) {
                throw new IllegalArgumentException("route already registered: " + route);
            }
            return this;
        }

        /** @return the sender */
        public RoutedSender build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("register at least one route");
            }
            return new RoutedSender(routes);
        }
    }
}
