package io.paretune.controller.store;

import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialEpochEntity;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One page of a campaign's trials, by number, with what a view of them needs: their epochs and intermediate values.
 *
 * @param total the campaign's trials in all
 */
public record TrialPage(List<TrialEntity> trials, List<TrialEpochEntity> epochs,
                        Map<String, SortedMap<Integer, Double>> intermediate, long total) {
}
