package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 *
 * @param evaluation  {@link Evaluation#PIPELINE} (dataset, modelFamily and epochs apply) or
 *                    {@link Evaluation#EXTERNAL} (ask/tell; dataset and modelFamily are null)
 * @param constraints bounds a trial must meet to be feasible; empty when none
 */
public record CampaignSpec(
        String name,
        Evaluation evaluation,
        DatasetSpec dataset,
        String modelFamily,
        SearchSpace searchSpace,
        List<Objective> objectives,
        List<Constraint> constraints,
        Budget budget,
        StrategySpec strategy,
        EarlyStopping earlyStopping) {

    public static final String MLP = "mlp";

    public CampaignSpec {
        // Specs stored before a field existed read it as null.
        evaluation = evaluation == null ? Evaluation.PIPELINE : evaluation;
        objectives = List.copyOf(objectives);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    /** A pipeline campaign without constraints. */
    public CampaignSpec(String name, DatasetSpec dataset, String modelFamily, SearchSpace searchSpace,
                        List<Objective> objectives, Budget budget, StrategySpec strategy, EarlyStopping earlyStopping) {
        this(name, Evaluation.PIPELINE, dataset, modelFamily, searchSpace, objectives, List.of(), budget, strategy,
                earlyStopping);
    }

    /** The first objective, which picks the best trial. */
    public Objective primaryObjective() {
        return objectives.get(0);
    }

    @JsonIgnore
    public boolean isExternal() {
        return evaluation == Evaluation.EXTERNAL;
    }

    /** The same campaign with its seed fixed, as the controller stores it. */
    public CampaignSpec withSeed(long seed) {
        return new CampaignSpec(name, evaluation, dataset, modelFamily, searchSpace, objectives, constraints, budget,
                strategy.withSeed(seed), earlyStopping);
    }
}
