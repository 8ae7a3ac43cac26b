package io.paretune.controller.persistence;

import io.paretune.contract.api.CampaignState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A campaign row: the validated spec (with its seed fixed) as JSON, and where the campaign stands. */
@Entity
@Table(name = "campaign")
public class CampaignEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** The spec as validated, with {@code strategy.seed} filled in: JSON of {@code CampaignSpec}. */
    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CampaignState state;

    @Column(nullable = false)
    public long seed;

    @Column(nullable = false)
    public String sampler;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "best_trial_id")
    public String bestTrialId;

    /** Who submitted it (an API key's name); null for campaigns stored before owners were recorded. */
    public String owner;

    /** Why the campaign failed or was cancelled. */
    public String reason;

    /**
     * Cancelled, and the workers not yet told: set with the cancellation, cleared once the broker has the campaign's
     * {@code CampaignControl} record.
     */
    @Column(name = "cancel_unpublished", nullable = false)
    public boolean cancelUnpublished;
}
