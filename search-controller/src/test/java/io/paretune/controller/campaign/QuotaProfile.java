package io.paretune.controller.campaign;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small quotas, so that a test reaches each of them in a few requests. */
public class QuotaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("paretune.quota.active-campaigns", "2", "paretune.quota.parallel-trials", "3",
                "paretune.quota.writes-per-second", "0.01", "paretune.quota.write-burst", "9");
    }
}
