package io.paretune.controller.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsRefresherTest {

    @Test
    void measuresAtMostTheLimitNeverMeasuredFirstThenTheLongestAgo() {
        Set<String> changed = Set.of("a", "b", "c", "d", "e");
        Map<String, Long> measuredIn = Map.of("a", 7L, "b", 3L, "c", 9L);
        assertThat(MetricsRefresher.due(changed, measuredIn, 3)).containsExactly("d", "e", "b");
        assertThat(MetricsRefresher.due(changed, measuredIn, 10)).containsExactly("d", "e", "b", "a", "c");
        assertThat(MetricsRefresher.due(Set.of(), measuredIn, 3)).isEmpty();
    }

    @Test
    void everyChangedCampaignIsMeasuredWithinAFewReadings() {
        // 25 campaigns that all change between readings, 10 measured per reading: none waits more than 3 readings.
        List<String> ids = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "c" + i).toList();
        Map<String, Long> measuredIn = new java.util.HashMap<>();
        Map<String, Integer> waited = new java.util.HashMap<>();
        for (long reading = 1; reading <= 12; reading++) {
            for (String id : MetricsRefresher.due(ids, measuredIn, 10)) {
                waited.merge(id, (int) (reading - measuredIn.getOrDefault(id, 0L)), Math::max);
                measuredIn.put(id, reading);
            }
        }
        assertThat(waited).hasSize(25);
        assertThat(waited.values().stream().filter(w -> w > 0)).allMatch(w -> w <= 3);
    }
}
