package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Campaigns and trials for the selection tests, written the way a user writes them. */
final class Campaigns {

    private Campaigns() {
    }

    /**
     * An external campaign (its metric names are free) over {@code objectives}, e.g.
     * {@code [{"metric": "val_accuracy", "direction": "maximize"}, ...]}, with optional constraints and selection.
     */
    static CampaignSpec spec(String objectives, String constraints, String selection) {
        String json = """
                {"evaluation": "external", "searchSpace": {"x": {"type": "float", "low": 0, "high": 1}},
                 "objectives": %s, "constraints": %s, "selection": %s, "budget": {"maxTrials": 100}}
                """.formatted(objectives, constraints, selection);
        try {
            CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(Json.mapper().readTree(json));
            if (!parsed.isValid()) {
                throw new IllegalArgumentException(parsed.errors().toString());
            }
            return parsed.spec();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final String ACCURACY_LATENCY = """
            [{"metric": "val_accuracy", "direction": "maximize"}, {"metric": "latency_ms_p50", "direction": "minimize"}]""";

    /** A trial with metrics given as name, value, name, value... */
    static Contender trial(int number, Object... metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < metrics.length; i += 2) {
            m.put((String) metrics[i], ((Number) metrics[i + 1]).doubleValue());
        }
        return new Contender("t" + number, number, Map.of("x", number / 10.0), m);
    }

    /**
     * Five trials over val_accuracy and latency_ms_p50. The front is 0, 1, 2 and 4 (3 loses to 1 and 2); normalized
     * over it (accuracy 0.90 .. 0.70, latency 0.05 .. 0.50) they sit at 0 (0, 1), 1 (0.05, 1/3), 2 (0.25, 1/9) and
     * 4 (1, 0).
     */
    static List<Contender> five() {
        return new ArrayList<>(List.of(
                trial(0, "val_accuracy", 0.90, "latency_ms_p50", 0.50),
                trial(1, "val_accuracy", 0.89, "latency_ms_p50", 0.20),
                trial(2, "val_accuracy", 0.85, "latency_ms_p50", 0.10),
                trial(3, "val_accuracy", 0.80, "latency_ms_p50", 0.30),
                trial(4, "val_accuracy", 0.70, "latency_ms_p50", 0.05)));
    }
}
