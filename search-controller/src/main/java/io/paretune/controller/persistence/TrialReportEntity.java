package io.paretune.controller.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One intermediate value of a trial: its primary objective at {@code step}; unique by (trial, step). */
@Entity
@Table(name = "trial_report")
public class TrialReportEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id", nullable = false)
    public String trialId;

    @Column(nullable = false)
    public int step;

    /** The primary objective's value at this step. */
    @Column(name = "report_value", nullable = false)
    public double value;

    /** Every value reported with it, as a JSON object of numbers (null when only the primary one is known). */
    @Column(name = "metric_values")
    public String metricValues;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
