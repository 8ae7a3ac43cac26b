package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A trainer-worker the controller heard from recently, as its progress and results told it:
 * {@code GET /api/v1/workers}.
 *
 * @param lastSeenAt when the controller last heard from it (progress, heartbeat or result)
 * @param backend    the ND4J backend its latest trained trial reported; null before it finished one
 * @param training   the trials it trains now (of the caller's campaigns only, unless the caller is an admin)
 * @param trialsSeen the trials it was heard about in the window, of any campaign
 */
@Schema(description = "A trainer-worker heard from recently (progress, heartbeats, results): what it trains now and "
        + "the backend its trials reported", requiredProperties = {"workerId", "lastSeenAt", "training", "trialsSeen"})
public record WorkerView(
        String workerId,
        Instant lastSeenAt,
        @Schema(nullable = true) String backend,
        List<Training> training,
        int trialsSeen) {

    /** A trial the worker trains now, up to the epoch it last reported. */
    @Schema(requiredProperties = {"campaignId", "trialId", "number"})
    public record Training(
            String campaignId,
            String trialId,
            int number,
            @Schema(nullable = true) Integer epochsTrained,
            @Schema(nullable = true) Integer lastEpoch) {
    }
}
