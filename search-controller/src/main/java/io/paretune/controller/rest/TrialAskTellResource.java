package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.AskResponse;
import io.paretune.contract.api.ErrorResponse;
import io.paretune.contract.api.ReportRequest;
import io.paretune.contract.api.ReportResponse;
import io.paretune.contract.api.StrictJson;
import io.paretune.contract.api.TellRequest;
import io.paretune.contract.api.TellResponse;
import io.paretune.controller.trial.AskTellService;
import io.paretune.controller.trial.InvalidTrialRequestException;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static io.paretune.controller.trial.InvalidTrialRequestException.INVALID_REPORT;
import static io.paretune.controller.trial.InvalidTrialRequestException.INVALID_TELL;

/**
 * Ask/tell for campaigns submitted with {@code "evaluation": "external"}: ask for a trial, evaluate it anywhere,
 * report intermediate values (stop when told to prune), tell how it ended.
 */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ask/tell", description = "Trials of external campaigns, evaluated by the caller")
public class TrialAskTellResource {

    private final AskTellService service;

    public TrialAskTellResource(AskTellService service) {
        this.service = service;
    }

    @Access(Role.OPERATOR)
    @POST
    @Path("{id}/trials/ask")
    @Operation(summary = "Ask for a trial", description = "The campaign's sampler proposes the next trial from every "
            + "trial so far; it is stored RUNNING until told. No body.")
    @APIResponse(responseCode = "200", description = "The trial to evaluate",
            content = @Content(schema = @Schema(implementation = AskResponse.class), example = """
                    {"trialId": "3f2c9a7e-1d4b-4c8e-9f0a-6b5d4c3b2a19", "number": 0,
                     "params": {"x": 1.25, "layers": 3, "optimizer": "adam"}}"""))
    @APIResponse(responseCode = "404", description = "Unknown campaign",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Budget spent, maxParallel trials pending, campaign finished, "
            + "or not an external campaign", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public AskResponse ask(@PathParam("id") String id) {
        return service.ask(id);
    }

    @Access(Role.OPERATOR)
    @POST
    @Path("{id}/trials/{trialId}/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report an intermediate value", description = "Records the primary objective (and any other "
            + "values) at a step, once per step, and asks the campaign's pruner; {\"prune\": true} means stop: the "
            + "trial is then PRUNED and needs no tell. Without a pruner the answer is always false.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportRequest.class), example = """
                    {"step": 3, "values": {"val_loss": 0.41, "val_accuracy": 0.87}}"""))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportResponse.class),
            example = "{\"prune\": false}"))
    @APIResponse(responseCode = "400", description = "Malformed JSON, bad step, a value that is not a finite number, "
            + "or no value for the primary objective", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign or trial",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Trial already finished (its campaign cancelled, too), step "
            + "already reported with other values, or not an external campaign", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public ReportResponse report(@PathParam("id") String id, @PathParam("trialId") String trialId, String body) {
        return service.report(id, trialId, read(body, INVALID_REPORT, "{\"step\": 0, \"values\": {...}}"));
    }

    @Access(Role.OPERATOR)
    @POST
    @Path("{id}/trials/{trialId}/tell")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tell how a trial ended", description = "{\"values\": {...}} completes it (every objective "
            + "and constrained metric required; other metrics are kept too); {\"state\": \"FAILED\", \"reason\": "
            + "\"...\"} fails it; {\"state\": \"PRUNED\"} prunes it (it keeps its last reported value). A trial is "
            + "told once; the campaign completes when its last trial is told.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TellRequest.class), examples = {
                    @ExampleObject(name = "complete", value = """
                            {"values": {"val_loss": 0.35, "latency_ms": 4.2}}"""),
                    @ExampleObject(name = "failed", value = """
                            {"state": "FAILED", "reason": "out of memory"}"""),
                    @ExampleObject(name = "pruned", value = "{\"state\": \"PRUNED\"}")}))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TellResponse.class),
            example = """
                    {"trialId": "3f2c9a7e-1d4b-4c8e-9f0a-6b5d4c3b2a19", "number": 0, "state": "COMPLETE",
                     "campaignState": "RUNNING"}"""))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, a value that is not a finite "
            + "number, a missing objective", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign or trial",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Trial already finished (nothing recorded; its campaign "
            + "cancelled, too), or not an external campaign", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public TellResponse tell(@PathParam("id") String id, @PathParam("trialId") String trialId, String body) {
        return service.tell(id, trialId, read(body, INVALID_TELL, "{\"values\": {...}} or {\"state\": \"FAILED\"}"));
    }

    private static JsonNode read(String body, String error, String expected) {
        try {
            return StrictJson.read(body);
        } catch (StrictJson.MalformedJsonException e) {
            throw new InvalidTrialRequestException(error, List.of(e.asBodyError(expected)));
        }
    }
}
