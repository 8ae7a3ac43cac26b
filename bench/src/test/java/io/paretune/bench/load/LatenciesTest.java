package io.paretune.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    @Test
    void percentilesInterpolateBetweenOrderStatisticsInMilliseconds() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        // 1..100 ms, split over two clients in no order.
        for (int ms = 100; ms >= 1; ms--) {
            (ms % 2 == 0 ? a : b).add(ms * 1_000_000L);
        }
        Latencies all = Latencies.merge(List.of(a, b));

        assertThat(all.count()).isEqualTo(100);
        assertThat(all.percentileMs(0.5)).isCloseTo(50.5, within(1e-9));
        assertThat(all.percentileMs(0.99)).isCloseTo(99.01, within(1e-9));
        assertThat(all.summary()).containsEntry("p50Ms", 50.5).containsEntry("p90Ms", 90.1)
                .containsEntry("p99Ms", 99.01).containsEntry("maxMs", 100.0).containsEntry("meanMs", 50.5);
    }

    @Test
    void noLatenciesGiveOnlyTheirCount() {
        assertThat(new Latencies().summary()).containsOnlyKeys("count").containsEntry("count", 0);
    }

    @Test
    void growsPastItsFirstArray() {
        Latencies l = new Latencies();
        for (int i = 0; i < 10_000; i++) {
            l.add(7_000_000L);
        }
        assertThat(l.count()).isEqualTo(10_000);
        assertThat(l.percentileMs(0.99)).isEqualTo(7.0);
    }
}
