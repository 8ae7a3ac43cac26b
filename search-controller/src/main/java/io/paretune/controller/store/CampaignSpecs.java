package io.paretune.controller.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.persistence.CampaignEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the spec stored with a campaign. A stored spec never changes, so parsed specs are cached by campaign id:
 * a cache, not state (it refills from the database after a restart).
 */
@ApplicationScoped
public class CampaignSpecs {

    private final Map<String, CampaignSpec> cache = new ConcurrentHashMap<>();

    public CampaignSpec of(CampaignEntity campaign) {
        return cache.computeIfAbsent(campaign.id, id -> read(campaign.spec));
    }

    /**
     * Whether the campaign is known to take its trials over the API (ask/tell): false when it is not, or when its
     * spec has not been read since this process started.
     */
    public boolean knownExternal(String campaignId) {
        CampaignSpec spec = cache.get(campaignId);
        return spec != null && spec.isExternal();
    }

    public static String write(CampaignSpec spec) {
        return Json.writeString(spec);
    }

    static CampaignSpec read(String json) {
        try {
            return Json.mapper().readValue(json, CampaignSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored campaign spec: " + e.getOriginalMessage(), e);
        }
    }
}
