package io.streamsuite.simulator.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void pacesPermitsToTheRate() throws Exception {
        RateLimiter limiter = new RateLimiter(500);
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            limiter.acquire();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 500 permits at 500/s: about one second; a generous band for a loaded 2-core machine.
        assertThat(seconds).isBetween(0.85, 1.5);
    }

    @Test
    void noRateMeansNoWaiting() throws Exception {
        RateLimiter limiter = new RateLimiter(0);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire();
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(0.5);
    }
}
