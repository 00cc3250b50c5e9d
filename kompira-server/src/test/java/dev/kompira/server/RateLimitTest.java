package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-token rate limit: a token bucket, and the 429 a real client gets from it. */
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aBucketLetsASecondsWorthThroughThenKeepsToTheRate() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        RateLimiter limiter = new RateLimiter(4, now::get);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.acquire("ci"), "request " + i + " of the burst");
        }
        assertEquals(1, limiter.acquire("ci"));
        assertEquals(0, limiter.acquire("grafana"), "every token has its own bucket");
        now.addAndGet(SECOND / 4);
        assertEquals(0, limiter.acquire("ci"), "a quarter of a second refills one request");
        assertEquals(1, limiter.acquire("ci"));
        now.addAndGet(60 * SECOND);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.acquire("ci"), "an idle minute refills the bucket to its capacity only");
        }
        assertEquals(1, limiter.acquire("ci"));
    }

    @Test
    void aSlowRateAsksForTheWholeSecondsToWait() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(0.1, now::get);
        assertEquals(0, limiter.acquire("ci"), "a bucket holds at least one request");
        assertEquals(10, limiter.acquire("ci"));
        now.addAndGet(4 * SECOND);
        assertEquals(6, limiter.acquire("ci"));
        assertThrows(IllegalArgumentException.class, () -> KompiraServer.builder().rateLimit(-1));
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfterAndOthersGoOn() throws Exception {
        try (ServerFixture f = new ServerFixture(dir, KompiraServer.builder().rateLimit(1))) {
            assertEquals(200, f.client.get("/api/v1/health", f.viewer()).statusCode());
            HttpResponse<String> refused = f.client.get("/api/v1/health", f.viewer());
            ServerApiTest.assertError(refused, 429, "rate_limited");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals(200, f.client.get("/api/v1/health", f.operator()).statusCode());
            HttpResponse<String> unknown = f.client.get("/api/v1/health", "kmp_unknown");
            assertEquals(401, unknown.statusCode(), "a request without a valid token is refused before it is counted");
            Thread.sleep(1100);
            assertEquals(200, f.client.get("/api/v1/health", f.viewer()).statusCode(), "a second refills one");
        }
    }
}
