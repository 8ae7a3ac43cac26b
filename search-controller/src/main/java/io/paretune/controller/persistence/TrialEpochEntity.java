package io.paretune.controller.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One finished epoch of one attempt of a segment of a trial; unique by (trial, segment, attempt, epoch). Epochs are
 * numbered over the whole trial, attempts per segment.
 */
@Entity
@Table(name = "trial_epoch")
public class TrialEpochEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id", nullable = false)
    public String trialId;

    @Column(nullable = false)
    public int segment;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public int epoch;

    @Column(name = "train_loss")
    public Double trainLoss;

    @Column(name = "train_accuracy")
    public Double trainAccuracy;

    @Column(name = "val_loss")
    public Double valLoss;

    @Column(name = "val_accuracy")
    public Double valAccuracy;

    @Column(name = "epoch_seconds", nullable = false)
    public double epochSeconds;

    @Column(name = "samples_per_second", nullable = false)
    public double samplesPerSecond;

    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
