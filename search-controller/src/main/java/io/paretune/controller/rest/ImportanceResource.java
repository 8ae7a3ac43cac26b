package io.paretune.controller.rest;

import io.paretune.contract.api.ErrorResponse;
import io.paretune.contract.api.ParameterImportance;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which searched parameters mattered to a campaign's primary objective. */
@Path("/api/v1/campaigns/{id}/importance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
public class ImportanceResource {

    private final CampaignInsights insights;

    public ImportanceResource(CampaignInsights insights) {
        this.insights = insights;
    }

    @Access(Role.VIEWER)
    @GET

    @Operation(summary = "How much each searched parameter mattered to the primary objective",
            description = "Breiman's permutation importance on a random forest (100 regression trees on bootstrap "
                    + "samples of the COMPLETE trials, seeded by the campaign's seed): a parameter's importance is "
                    + "how much a tree's squared error on the trials it did not see grows when that parameter's "
                    + "values are shuffled among them, averaged over the trees; shares are the non-negative "
                    + "importances over their sum. Categorical values count by their sorted rank, an inactive "
                    + "conditional parameter as its own value; parameters that never varied are left out. Needs "
                    + "5 COMPLETE trials; before that parameters is empty and omitted says why.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ParameterImportance.class),
            example = """
                    {"campaignId": "6ea3c1d2-5b7e-4f0a-9c1d-2e3f4a5b6c7d", "metric": "val_accuracy",
                     "method": "permutation importance on a random forest (100 trees, out-of-bag squared error) over the COMPLETE trials",
                     "trials": 24,
                     "parameters": [{"parameter": "learningRate", "importance": 0.71},
                                    {"parameter": "units", "importance": 0.22},
                                    {"parameter": "activation", "importance": 0.07}],
                     "omitted": null}"""))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(
            schema = @Schema(implementation = ErrorResponse.class)))
    public ParameterImportance importance(@PathParam("id") String id) {
        return insights.importance(id);
    }

}
