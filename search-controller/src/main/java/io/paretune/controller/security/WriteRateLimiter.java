package io.paretune.controller.security;

import io.paretune.controller.campaign.QuotaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller for the API's writes: {@code writeBurst} at once, then {@code writesPerSecond} on
 * average, so that one client's loop cannot starve the controller's database for the others. One bucket per
 * caller name: the callers are the configured keys (or the one local user), so the map stays small.
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public WriteRateLimiter(QuotaConfig quota) {
        this(quota.writesPerSecond(), quota.writeBurst(), System::nanoTime);
    }

    WriteRateLimiter(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.nanos = nanos;
    }

    /** Takes one write from the caller's bucket; false when it is empty (the caller should wait a second). */
    public boolean tryAcquire(String caller) {
        if (perSecond <= 0) {
            return true;
        }
        long now = nanos.getAsLong();
        return buckets.computeIfAbsent(caller, k -> new Bucket(burst, now)).take(perSecond, burst, now);
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized boolean take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
