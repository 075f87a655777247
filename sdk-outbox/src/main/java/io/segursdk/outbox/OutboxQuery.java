package io.segursdk.outbox;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which items {@link Outbox#query(OutboxQuery)} returns: by status, kind and creation time, oldest first, at most
 * {@link #limit()} of them. An empty criterion matches everything.
 */
public final class OutboxQuery {

    private final Set<OutboxStatus> statuses;
    private final Set<String> kinds;
    private final Instant createdFrom;
    private final Instant createdBefore;
    private final int limit;

    private OutboxQuery(Builder b) {
        this.statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(b.statuses);
        this.kinds = Set.copyOf(b.kinds);
        this.createdFrom = b.createdFrom;
        this.createdBefore = b.createdBefore;
        this.limit = b.limit;
    }

    /** @return a builder matching every item, limited to 1000 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param statuses the statuses wanted
     * @return a query for the items in any of these statuses (at most 1000)
     */
    public static OutboxQuery byStatus(OutboxStatus... statuses) {
        return builder().statuses(statuses).build();
    }

    /** @return the statuses matched; empty for all */
    public Set<OutboxStatus> statuses() {
        return statuses;
    }

    /** @return the kinds matched; empty for all */
    public Set<String> kinds() {
        return kinds;
    }

    /** @return the earliest creation time matched (inclusive), or {@code null} */
    public Instant createdFrom() {
        return createdFrom;
    }

    /** @return the creation time before which items are matched (exclusive), or {@code null} */
    public Instant createdBefore() {
        return createdBefore;
    }

    /** @return the most items returned */
    public int limit() {
        return limit;
    }

    /** Builds an {@link OutboxQuery}. Not thread-safe. */
    public static final class Builder {
        private final EnumSet<OutboxStatus> statuses = EnumSet.noneOf(OutboxStatus.class);
        private final Set<String> kinds = new TreeSet<>();
        private Instant createdFrom;
        private Instant createdBefore;
        private int limit = 1000;

        private Builder() {
        }

        /**
         * @param statuses statuses to match (adds to those already given)
         * @return this builder
         */
        public Builder statuses(OutboxStatus... statuses) {
            for (OutboxStatus s : statuses) {
                this.statuses.add(Objects.requireNonNull(s));
            }
            return this;
        }

        /**
         * @param kinds kinds to match (adds to those already given)
         * @return this builder
         */
        public Builder kinds(String... kinds) {
            for (String k : kinds) {
                this.kinds.add(Objects.requireNonNull(k));
            }
            return this;
        }

        /**
         * @param from    earliest creation time (inclusive), or {@code null}
         * @param before  latest creation time (exclusive), or {@code null}
         * @return this builder
         */
        public Builder createdBetween(Instant from, Instant before) {
            this.createdFrom = from;
            this.createdBefore = before;
            return this;
        }

        /**
         * @param limit the most items to return (1 to 100000)
         * @return this builder
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > 100_000) {
                throw new IllegalArgumentException("limit must be between 1 and 100000");
            }
            this.limit = limit;
            return this;
        }

        /** @return the query */
        public OutboxQuery build() {
            return new OutboxQuery(this);
        }
    }
}
