package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignRef;
import io.paretune.contract.api.CampaignSummary;
import io.paretune.contract.api.ErrorResponse;
import io.paretune.contract.api.ParetoView;
import io.paretune.contract.api.StrictJson;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.campaign.InvalidCampaignSpecException;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.Caller;
import io.paretune.controller.security.CurrentCaller;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The campaign API: submit, list, inspect, cancel. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns", description = "Search campaigns and their trials")
public class CampaignResource {

    static final int DEFAULT_CAMPAIGNS_PER_PAGE = 100;

    private final CampaignService service;
    private final CampaignViews views;
    private final CurrentCaller caller;

    public CampaignResource(CampaignService service, CampaignViews views, CurrentCaller caller) {
        this.service = service;
        this.views = views;
        this.caller = caller;
    }

    @Access(Role.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a campaign", description = "Validates the spec (every bad field is reported at once) "
            + "and stores the campaign PENDING; trials are dispatched right after.")
    // The body is read as text by the strict reader (a repeated key or trailing text is refused, not guessed at);
    // its schema is declared here.
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignSpec.class), examples = {
                    @ExampleObject(name = "pipeline", summary = "Fashion-MNIST MLPs: accuracy against latency",
                            value = """
                            {"name": "quick",
                             "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 5000},
                             "searchSpace": {
                               "hiddenLayers": {"type": "int", "low": 1, "high": 3},
                               "units": {"type": "int", "low": 16, "high": 256, "log": true},
                               "learningRate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true},
                               "activation": {"type": "categorical", "choices": ["relu", "gelu", "tanh"]},
                               "batchSize": 128},
                             "objectives": [{"metric": "val_accuracy"}, {"metric": "latency_ms_p50"}],
                             "budget": {"maxTrials": 8, "maxParallel": 2, "maxEpochsPerTrial": 3},
                             "strategy": {"sampler": "random", "seed": 42},
                             "earlyStopping": {"patience": 2}}"""),
                    @ExampleObject(name = "external", summary = "Ask/tell: trials you evaluate yourself", value = """
                            {"name": "quadratic (ask/tell)", "evaluation": "external",
                             "searchSpace": {"x": {"type": "float", "low": -5, "high": 5},
                                             "y": {"type": "float", "low": -5, "high": 5},
                                             "shape": {"type": "categorical", "choices": ["bowl", "ridge"]}},
                             "objectives": [{"metric": "loss", "direction": "minimize"}],
                             "budget": {"maxTrials": 30, "maxParallel": 1},
                             "strategy": {"sampler": "random", "seed": 42,
                                          "pruner": {"type": "median", "startupTrials": 5, "warmupSteps": 2}}}""")}))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(
            schema = @Schema(implementation = CampaignRef.class), example = """
                    {"id": "6ea3c1d2-5b7e-4f0a-9c1d-2e3f4a5b6c7d", "state": "PENDING"}"""))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid spec", content = @Content(
            schema = @Schema(implementation = ErrorResponse.class), example = """
                    {"error": "invalid campaign spec",
                     "fieldErrors": [{"field": "budget.maxTrials",
                                      "message": "must be a positive integer (at most 100000), got 0"},
                                     {"field": "strategy.sampler",
                                      "message": "unknown sampler 'annealing'; known: [grid, motpe, nsga2, random, tpe]"}]}"""))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response submit(String body, @Context UriInfo uri) {
        CampaignEntity campaign = service.submit(parse(body), caller.get().name());
        return Response.created(uri.getAbsolutePathBuilder().path(campaign.id).build())
                .entity(new CampaignRef(campaign.id, campaign.state)).build();
    }

    @Access(Role.VIEWER)
    @GET
    @Operation(summary = "List campaigns, newest first", description = "An admin's list holds every campaign, "
            + "anyone else's the campaigns of their own name. Paged: X-Total-Count gives how many there are, "
            + "Link rel=\"next\" the next page.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = CampaignSummary.class)))
    @APIResponse(responseCode = "400", description = "limit or offset out of range", content = @Content(
            schema = @Schema(implementation = ErrorResponse.class)))
    public Response list(
            @Parameter(description = "campaigns per page, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "campaigns to skip (default 0)") @QueryParam("offset") String offset,
            @Context UriInfo uri) {
        Paging paging = Paging.of(limit, offset, DEFAULT_CAMPAIGNS_PER_PAGE);
        Caller who = caller.get();
        Listed<CampaignSummary> page = views.list(who.seesAll() ? null : who.name(), paging.offset(), paging.limit());
        return paging.respond(page.items(), page.total(), uri);
    }

    @Access(Role.VIEWER)
    @GET
    @Path("{id}")
    @Operation(summary = "A campaign: state, spec, trial counts by state and best trial")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public CampaignDetail get(@PathParam("id") String id) {
        return views.detail(id);
    }

    @Access(Role.VIEWER)
    @GET
    @Path("{id}/pareto")
    @Operation(summary = "The campaign's Pareto front, its hypervolume and the trial its verdict names",
            description = "The COMPLETE trials no other beats on every objective, among those that meet the "
                    + "constraints (when none does: among all, flagged infeasible), best first on the primary "
                    + "objective. Objectives are min-max normalized over the front (0 its best value, 1 its worst); "
                    + "the hypervolume is measured in that space against the reference point 1.1 in every objective "
                    + "(the front's nadir plus 10 % of its range), so a front of one point has 1.1^m. bounds give "
                    + "the normalization, hypervolume.referenceValues the reference point in the objectives' units.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ParetoView.class),
            example = """
                    {"campaignId": "6ea3c1d2-5b7e-4f0a-9c1d-2e3f4a5b6c7d", "rule": "knee",
                     "objectives": [{"metric": "val_accuracy", "direction": "maximize"},
                                    {"metric": "latency_ms_p50", "direction": "minimize"}],
                     "feasibleOnly": true,
                     "front": [
                       {"trialId": "0b6c…-9", "number": 9, "values": {"val_accuracy": 0.87, "latency_ms_p50": 0.5},
                        "normalized": {"val_accuracy": 0.0, "latency_ms_p50": 1.0}, "params": {"units": 512},
                        "feasible": null, "chosen": false},
                       {"trialId": "7d1e…-14", "number": 14, "values": {"val_accuracy": 0.866, "latency_ms_p50": 0.2},
                        "normalized": {"val_accuracy": 0.2, "latency_ms_p50": 0.25}, "params": {"units": 64},
                        "feasible": null, "chosen": true},
                       {"trialId": "a2f4…-3", "number": 3, "values": {"val_accuracy": 0.85, "latency_ms_p50": 0.1},
                        "normalized": {"val_accuracy": 1.0, "latency_ms_p50": 0.0}, "params": {"units": 16},
                        "feasible": null, "chosen": false}],
                     "bounds": {"val_accuracy": {"direction": "maximize", "best": 0.87, "worst": 0.85},
                                "latency_ms_p50": {"direction": "minimize", "best": 0.1, "worst": 0.5}},
                     "hypervolume": {"value": 0.81, "reference": {"val_accuracy": 1.1, "latency_ms_p50": 1.1},
                                     "referenceValues": {"val_accuracy": 0.848, "latency_ms_p50": 0.54},
                                     "maximum": 1.21, "omitted": null},
                     "chosenTrialId": "7d1e…-14"}"""))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public ParetoView pareto(@PathParam("id") String id) {
        return views.pareto(id);
    }

    @Access(Role.VIEWER)
    @GET
    @Path("{id}/trials")
    @Operation(summary = "The trials of a campaign, by number, with the epoch history of their latest attempt",
            description = "Paged: X-Total-Count gives how many trials the campaign has, Link rel=\"next\" the next "
                    + "page.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = TrialView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "400", description = "limit or offset out of range", content = @Content(
            schema = @Schema(implementation = ErrorResponse.class)))
    public Response trials(
            @PathParam("id") String id,
            @Parameter(description = "trials per page, 1 to 1000 (default 1000)") @QueryParam("limit") String limit,
            @Parameter(description = "trials to skip (default 0)") @QueryParam("offset") String offset,
            @Context UriInfo uri) {
        Paging paging = Paging.of(limit, offset, Paging.MAX_LIMIT);
        Listed<TrialView> page = views.trials(id, paging.offset(), paging.limit());
        return paging.respond(page.items(), page.total(), uri);
    }

    @Access(Role.OPERATOR)
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a campaign", description = "WAITING trials fail with 'campaign cancelled'. Workers "
            + "are told: they drop the campaign's queued jobs and stop the trials they train at the next minibatch, "
            + "which then fail with the same reason (a trial already trained is still scored). An external "
            + "campaign's asked trials fail at once; a later report or tell on them is 409.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CampaignRef.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Already finished", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public CampaignRef cancel(@PathParam("id") String id) {
        CampaignEntity campaign = service.cancel(id);
        return new CampaignRef(campaign.id, campaign.state);
    }

    private static JsonNode parse(String body) {
        try {
            return StrictJson.read(body);
        } catch (StrictJson.MalformedJsonException e) {
            throw new InvalidCampaignSpecException(List.of(e.asBodyError("a campaign spec")));
        }
    }
}
