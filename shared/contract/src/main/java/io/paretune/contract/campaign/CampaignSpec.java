package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.paretune.contract.search.SearchSpace;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
 * @param selection   how the campaign's verdict names the trial to ship; the primary rule when absent
 */
@Schema(description = "A search campaign as submitted (and as stored, with every default and the seed filled in). "
        + "Unknown fields are refused. Rules that span fields (dataset, modelFamily and earlyStopping are for pipeline "
        + "campaigns only; parameter names are those of the model family) are checked on submission, every bad field "
        + "named at once. Optional fields may also be given as null.",
        requiredProperties = {"searchSpace", "objectives", "budget"}, additionalProperties = Schema.False.class)
public record CampaignSpec(
        @Schema(description = "Shown in lists (default \"campaign\")", minLength = 1, maxLength = 200)
        String name,
        @Schema(description = "Who evaluates the trials (default pipeline)", nullable = true)
        Evaluation evaluation,
        // Nullable object fields carry no description of their own: the generator would then also write "type:
        // object", which refuses the null. Their descriptions are on their types.
        @Schema(nullable = true)
        DatasetSpec dataset,
        // No enum: a nullable enum would need null among its values, which the annotation cannot say.
        @Schema(description = "Pipeline campaigns only: mlp (the default) or cnn", nullable = true)
        String modelFamily,
        // Its polymorphic dimensions (a range, a list of choices or a bare value) are written by hand in the
        // controller's META-INF/openapi.yaml: the generator cannot derive them from the @JsonValue map.
        @Schema(ref = "SearchSpace")
        SearchSpace searchSpace,
        @Schema(description = "What to optimize; the first is the primary objective, which picks the best trial",
                minItems = 1)
        List<Objective> objectives,
        @Schema(description = "Bounds a trial must meet to be feasible (default none)", nullable = true)
        List<Constraint> constraints,
        @Schema(nullable = true)
        SelectionSpec selection,
        Budget budget,
        @Schema(nullable = true)
        StrategySpec strategy,
        @Schema(nullable = true)
        EarlyStopping earlyStopping) {

    public static final String MLP = "mlp";

    public CampaignSpec {
        // Specs stored before a field existed read it as null.
        evaluation = evaluation == null ? Evaluation.PIPELINE : evaluation;
        objectives = List.copyOf(objectives);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        selection = selection == null ? SelectionSpec.primary() : selection;
    }

    /** A pipeline campaign without constraints. */
    public CampaignSpec(String name, DatasetSpec dataset, String modelFamily, SearchSpace searchSpace,
                        List<Objective> objectives, Budget budget, StrategySpec strategy, EarlyStopping earlyStopping) {
        this(name, Evaluation.PIPELINE, dataset, modelFamily, searchSpace, objectives, List.of(), null, budget,
                strategy, earlyStopping);
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
        return new CampaignSpec(name, evaluation, dataset, modelFamily, searchSpace, objectives, constraints,
                selection, budget, strategy.withSeed(seed), earlyStopping);
    }
}
