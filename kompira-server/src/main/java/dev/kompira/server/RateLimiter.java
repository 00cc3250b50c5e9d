package dev.kompira.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API token: each holds up to {@code perSecond} requests (at least one) and
 * refills at {@code perSecond}, so a client may burst a second's worth and then keeps to the rate.
 * Thread-safe.
 */
final class RateLimiter {

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code nanoTime} is {@code System::nanoTime} but in tests. */
    RateLimiter(double perSecond, LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate limit must be more than 0 requests per second: " + perSecond);
        }
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request from the bucket of token {@code name}; returns 0 when it may go on, else the
     * whole seconds to wait until it may (at least 1), for {@code Retry-After}.
     */
    long acquire(String name) {
        return buckets.computeIfAbsent(name, n -> new Bucket(capacity, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    /** One token's bucket. */
    private final class Bucket {

        private double level;
        private long last;

        Bucket(double level, long now) {
            this.level = level;
            this.last = now;
        }

        synchronized long take(long now) {
            level = Math.min(capacity, level + (now - last) / 1e9 * perSecond);
            last = now;
            if (level >= 1) {
                level -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - level) / perSecond));
        }
    }
}
