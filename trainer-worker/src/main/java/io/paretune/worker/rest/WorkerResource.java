package io.paretune.worker.rest;

import io.paretune.ml.backend.BackendInfo;
import io.paretune.worker.state.WorkerIdentity;
import io.paretune.worker.state.WorkerStatus;
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
     * @param backend        the backend in one line, as stored with every result
     * @param currentTrialId the trial being trained, or null when idle
     * @param jobsDone       trials finished with a result (trained or failed) since start
     * @param device         the backend in detail: native build loaded and chosen (and why), CPU, threads, GPUs
     */
    public record WorkerInfo(String id, String backend, boolean busy, String currentTrialId, long jobsDone,
                             BackendInfo device) {
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
                status.jobsDone(), BackendInfo.current());
    }
}
