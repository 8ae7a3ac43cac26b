package io.paretune.contract.campaign;

import io.paretune.contract.search.SearchSpace;

import java.util.List;

/**
 * A search campaign as the user submits it to {@code POST /api/v1/campaigns}, after validation by
 * {@link CampaignSpecParser}.
 *
 * <pre>{@code
 * CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(jsonNode);
 * if (parsed.isValid()) submit(parsed.spec()); else reject(parsed.errors());
 * }</pre>
 */
public record CampaignSpec(
        String name,
        DatasetSpec dataset,
        String modelFamily,
        SearchSpace searchSpace,
        List<Objective> objectives,
        Budget budget,
        StrategySpec strategy,
        EarlyStopping earlyStopping) {

    public static final String MLP = "mlp";

    public CampaignSpec {
        objectives = List.copyOf(objectives);
    }

    /** The first objective, which picks the best trial. */
    public Objective primaryObjective() {
        return objectives.get(0);
    }

    /** The same campaign with its seed fixed, as the controller stores it. */
    public CampaignSpec withSeed(long seed) {
        return new CampaignSpec(name, dataset, modelFamily, searchSpace, objectives, budget,
                new StrategySpec(strategy.sampler(), seed), earlyStopping);
    }
}
