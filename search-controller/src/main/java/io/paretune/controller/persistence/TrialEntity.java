package io.paretune.controller.persistence;

import io.paretune.contract.trial.TrialState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A trial row: the proposed parameters, its state, and what workers and the evaluator reported about it. */
@Entity
@Table(name = "trial")
public class TrialEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "campaign_id", nullable = false)
    public String campaignId;

    @Column(nullable = false)
    public int number;

    /** Sampled values by name, JSON. */
    @Column(nullable = false)
    public String params;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TrialState state;

    /**
     * Current segment (0-based): a trial of a campaign with a pruner trains in segments, each a job of its own that
     * ends where the pruner may stop it; other trials have one segment.
     */
    @Column(nullable = false)
    public int segment;

    /** Epochs trained before the current segment: where its job starts. */
    @Column(name = "segment_start_epoch", nullable = false)
    public int segmentStartEpoch;

    /** Epoch at which the current segment's job stops; null: the trial's last epoch. */
    @Column(name = "segment_stop_epoch")
    public Integer segmentStopEpoch;

    /** Epochs at full fidelity (its epochs parameter capped by maxEpochsPerTrial); null for external campaigns. */
    @Column(name = "last_epoch")
    public Integer lastEpoch;

    /** The latest checkpoint (relative to the artifact store): the current segment resumes from it. */
    @Column(name = "checkpoint_path")
    public String checkpointPath;

    /**
     * Highest attempt at the current segment a worker reported on (the controller numbers attempts: 1, then one more
     * each time it dispatches the segment again); 0 until one starts it.
     */
    @Column(nullable = false)
    public int attempt;

    /** Worker of the highest attempt. */
    @Column(name = "worker_id")
    public String workerId;

    /**
     * True once the broker acknowledged the current segment's job; false rows are (re)published by the next reconcile
     * pass.
     */
    @Column(nullable = false)
    public boolean dispatched;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    /** When the controller last heard of the trial from a worker (progress or result), on the controller's clock. */
    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "artifact_path")
    public String artifactPath;

    /** Furthest epoch any worker reported (progress, checkpoint or result): the epochs this trial used. */
    @Column(name = "epochs_trained")
    public Integer epochsTrained;

    @Column(name = "train_seconds")
    public Double trainSeconds;

    public String backend;

    /** The evaluator's metrics by wire name, JSON; null until scored. */
    public String metrics;

    /** Value of the campaign's primary objective; set when COMPLETE. */
    @Column(name = "primary_value")
    public Double primaryValue;

    public String hardware;

    /** Hex SHA-256 of the artifact file the evaluator scored; null until scored (or scored without it). */
    @Column(name = "artifact_sha256")
    public String artifactSha256;

    /** The precision inference ran in when the evaluator measured the model ({@code fp32 (dequantized int8 weights)}). */
    @Column(name = "compute_precision")
    public String computePrecision;

    /** Seed of weight initialisation and batch shuffling the worker trained the model with. */
    @Column(name = "train_seed")
    public Long trainSeed;

    /** Epoch whose weights the model kept (best validation loss). */
    @Column(name = "best_epoch")
    public Integer bestEpoch;

    @Column(name = "stopped_early")
    public Boolean stoppedEarly;

    /** Epoch after which one-shot pruning happened; null when the trial was not pruned that way. */
    @Column(name = "pruned_after_epoch")
    public Integer prunedAfterEpoch;

    /** Validation accuracy before compression: what {@code accuracy_drop} is measured against. */
    @Column(name = "uncompressed_val_accuracy")
    public Double uncompressedValAccuracy;
}
