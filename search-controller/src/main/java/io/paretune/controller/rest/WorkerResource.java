package io.paretune.controller.rest;

import io.paretune.contract.api.ErrorResponse;
import io.paretune.contract.api.WorkerView;
import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.CurrentCaller;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The trainer-workers the controller heard from lately, and what they train. */
@Path("/api/v1/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workers", description = "The trainer-workers at work")
public class WorkerResource {

    static final int DEFAULT_WORKER_WINDOW_MINUTES = 10;
    static final int MAX_WORKER_WINDOW_MINUTES = 1440;

    private final CampaignInsights insights;
    private final CurrentCaller caller;

    public WorkerResource(CampaignInsights insights, CurrentCaller caller) {
        this.insights = insights;
        this.caller = caller;
    }

    @Access(Role.VIEWER)
    @GET
    @Operation(summary = "The trainer-workers heard from recently, latest first",
            description = "From the workers' progress, heartbeats and results: when each was last heard from, the "
                    + "backend its latest trained trial reported, and the trials it trains now. Workers serve every "
                    + "owner: an admin sees the trials of every campaign, anyone else those of their own campaigns.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = WorkerView.class)))
    @APIResponse(responseCode = "400", description = "withinMinutes out of range", content = @Content(
            schema = @Schema(implementation = ErrorResponse.class)))
    public List<WorkerView> workers(
            @Parameter(description = "how far back to look, 1 to 1440 minutes (default 10)")
            @QueryParam("withinMinutes") String withinMinutes) {
        return insights.workers(caller.get(), Duration.ofMinutes(window(withinMinutes)));
    }

    private static int window(String text) {
        List<FieldError> errors = new ArrayList<>();
        int minutes = Paging.parse("withinMinutes", text, DEFAULT_WORKER_WINDOW_MINUTES, 1, MAX_WORKER_WINDOW_MINUTES,
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return minutes;
    }
}
