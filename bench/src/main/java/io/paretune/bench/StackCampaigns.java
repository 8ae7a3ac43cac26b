package io.paretune.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.api.ApiException;
import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ControllerUnreachableException;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * What the benchmarks that run campaigns on a running stack ({@code ./paretune up}) share: API calls whose failure
 * ends the benchmark with a line the user can act on, submission under a label, and cancellation that never hides
 * the benchmark's own failure.
 */
public final class StackCampaigns {

    private final ControllerClient api;
    private final PrintStream log;

    public StackCampaigns(ControllerClient api, PrintStream log) {
        this.api = api;
        this.log = log;
    }

    /** Submits {@code spec} and logs its id; a refusal names the campaign's label. */
    public String submit(String label, ObjectNode spec) {
        String id;
        try {
            id = call(() -> api.submit(spec.toString())).id();
        } catch (Failure e) {
            throw new Failure("the controller rejected the " + label + " campaign: " + e.getMessage());
        }
        log.println("submitted " + label + ": campaign " + id + " (" + spec.path("name").asText() + ")");
        return id;
    }

    /** Cancels a campaign a failed or interrupted benchmark leaves behind, so that it does not go on training. */
    public void cancel(String label, String id) {
        try {
            api.cancel(id);
            log.println("cancelled " + label + ": campaign " + id);
        } catch (RuntimeException e) {
            log.println("could not cancel " + label + " campaign " + id + ": " + e.getMessage());
        }
    }

    /** An API call whose failure ends the benchmark with a line the user can act on. */
    public static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ControllerUnreachableException e) {
            throw new Failure(e.getMessage() + "; start the stack with ./paretune up");
        } catch (ApiException e) {
            throw new Failure(e.getMessage());
        }
    }

    /** A failure the user can act on: printed as one line, exit status 1. */
    public static final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }
}
