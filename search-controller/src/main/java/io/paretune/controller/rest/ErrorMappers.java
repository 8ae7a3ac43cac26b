package io.paretune.controller.rest;

import io.paretune.contract.api.ErrorResponse;
import io.paretune.controller.campaign.CampaignFinishedException;
import io.paretune.controller.campaign.CampaignNotFoundException;
import io.paretune.controller.campaign.InvalidCampaignSpecException;
import io.paretune.controller.campaign.QuotaExceededException;
import io.paretune.controller.model.ModelFileMissingException;
import io.paretune.controller.model.ModelFileRefusedException;
import io.paretune.controller.model.ModelNotScoredException;
import io.paretune.controller.model.ModelStoreUnavailableException;
import io.paretune.controller.trial.AskTellConflictException;
import io.paretune.controller.trial.InvalidTrialRequestException;
import io.paretune.controller.trial.TrialNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain exceptions to JSON error bodies. */
public class ErrorMappers {

    static final String INVALID_SPEC = "invalid campaign spec";

    @ServerExceptionMapper
    public Response invalid(InvalidCampaignSpecException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorResponse(INVALID_SPEC, e.errors()));
    }

    @ServerExceptionMapper
    public Response notFound(CampaignNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response finished(CampaignFinishedException e) {
        return json(Response.Status.CONFLICT, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidTrialRequest(InvalidTrialRequestException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorResponse(e.error(), e.errors()));
    }

    @ServerExceptionMapper
    public Response quotaExceeded(QuotaExceededException e) {
        return json(Response.Status.TOO_MANY_REQUESTS, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorResponse(InvalidQueryException.INVALID_QUERY, e.errors()));
    }

    @ServerExceptionMapper
    public Response trialNotFound(TrialNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response modelNotScored(ModelNotScoredException e) {
        return json(Response.Status.NOT_FOUND, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response modelFileMissing(ModelFileMissingException e) {
        return json(Response.Status.GONE, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response modelFileRefused(ModelFileRefusedException e) {
        return json(Response.Status.CONFLICT, ErrorResponse.of(e.getMessage()));
    }

    /** The store may come back (an object store restarting, a network partition): the client may try again. */
    @ServerExceptionMapper
    public Response modelStoreUnavailable(ModelStoreUnavailableException e) {
        return Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage())))
                .header("Retry-After", "10").build();
    }

    @ServerExceptionMapper
    public Response askTellConflict(AskTellConflictException e) {
        return json(Response.Status.CONFLICT, ErrorResponse.of(e.getMessage()));
    }

    private static Response json(Response.Status status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
