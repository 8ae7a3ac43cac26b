package io.paretune.contract.messaging;

/**
 * Kafka topic and group names: the only place they are spelled.
 *
 * <pre>{@code
 * producer.send(new ProducerRecord<>(Topics.TRIAL_JOBS, job.trialId(), Json.write(job)));
 * }</pre>
 */
public final class Topics {

    /** {@link io.paretune.contract.trial.TrialJob}s, controller → workers, consumed by the {@link #TRAINERS_SHARE_GROUP}. */
    public static final String TRIAL_JOBS = "paretune.trial-jobs";
    /** {@link io.paretune.contract.trial.TrialProgress} per attempt start and per epoch, workers → controller. */
    public static final String TRIAL_PROGRESS = "paretune.trial-progress";
    /** {@link io.paretune.contract.trial.TrialResult}s, workers → evaluator and controller. */
    public static final String TRIAL_RESULTS = "paretune.trial-results";
    /** {@link io.paretune.contract.trial.TrialScore}s, evaluator → controller. */
    public static final String TRIAL_SCORES = "paretune.trial-scores";
    /**
     * {@link io.paretune.contract.campaign.CampaignControl}s, controller → workers, keyed by campaign id; compacted,
     * read from the beginning by every worker (no group).
     */
    public static final String CAMPAIGN_CONTROL = "paretune.campaign-control";
    /** Records no consumer could read, with {@link DeadLetterHeaders} saying why. */
    public static final String DEAD_LETTER = "paretune.dead-letter";

    /** Share group (KIP-932) of the trainer-workers: each job goes to one idle worker at a time. */
    public static final String TRAINERS_SHARE_GROUP = "paretune-trainers";
    /** Consumer group of the evaluators. */
    public static final String EVALUATORS_GROUP = "paretune-evaluators";
    /** Consumer group of the search-controller. */
    public static final String CONTROLLER_GROUP = "paretune-controller";

    /** Every topic the services create at start-up if missing. */
    public static final java.util.List<String> ALL =
            java.util.List.of(TRIAL_JOBS, TRIAL_PROGRESS, TRIAL_RESULTS, TRIAL_SCORES, CAMPAIGN_CONTROL, DEAD_LETTER);

    private Topics() {
    }
}
