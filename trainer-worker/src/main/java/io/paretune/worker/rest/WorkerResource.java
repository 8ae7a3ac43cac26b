package io.paretune.worker.rest;

import io.paretune.worker.service.WorkerIdentity;
import io.paretune.worker.service.WorkerStatus;
import io.paretune.worker.training.Backend;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this worker is and does now: {@code GET /api/v1/worker}. */
@Path("/api/v1/worker")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    /**
     * @param currentTrialId the trial being trained, or null when idle
     * @param jobsDone       trials finished with a result (trained or failed) since start
     */
    public record WorkerInfo(String id, String backend, boolean busy, String currentTrialId, long jobsDone) {
    }

    private final WorkerIdentity identity;
    private final WorkerStatus status;

    public WorkerResource(WorkerIdentity identity, WorkerStatus status) {
        this.identity = identity;
        this.status = status;
    }

    @GET
    public WorkerInfo info() {
        return new WorkerInfo(identity.id(), Backend.describe(), status.busy(), status.currentTrialId().orElse(null),
                status.jobsDone());
    }
}
