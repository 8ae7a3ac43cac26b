package io.paretune.controller.persistence;

import io.paretune.contract.api.CampaignState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaign rows. Every transaction that changes a campaign or its trials locks the campaign row first. */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<CampaignEntity, String> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);

    /** Who owns a campaign: {@code owner} null when no one does (submitted before campaigns had owners). */
    public record Ownership(String owner) {
    }

    /** The campaign's owner without loading the campaign; empty when there is no campaign with that id. */
    public Optional<Ownership> ownership(String id) {
        List<String> owners = getEntityManager()
                .createQuery("select c.owner from CampaignEntity c where c.id = :id", String.class)
                .setParameter("id", id).getResultList();
        return owners.isEmpty() ? Optional.empty() : Optional.of(new Ownership(owners.get(0)));
    }

    /**
     * The campaign, locked until the transaction ends ({@code SELECT ... FOR UPDATE}): the dispatcher, the consumer
     * and the REST API then change a campaign and its trials one after another, never over each other.
     */
    public Optional<CampaignEntity> lock(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ids of the campaigns that still want trials or results (PENDING, RUNNING), oldest first. */
    public List<String> activeIds() {
        return getEntityManager().createQuery(
                        "select c.id from CampaignEntity c where c.state in (:states) order by c.createdAt, c.id", String.class)
                .setParameter("states", List.of(CampaignState.PENDING, CampaignState.RUNNING))
                .getResultList();
    }

    /** The campaigns of {@code owner} that still want trials or results (PENDING, RUNNING). */
    public List<CampaignEntity> activeOf(String owner) {
        return list("owner = ?1 and state in ?2", owner, List.of(CampaignState.PENDING, CampaignState.RUNNING));
    }

    /** Cancelled campaigns whose cancellation the workers have not been told yet, oldest cancellation first. */
    public List<CampaignEntity> cancelsUnpublished() {
        return list("cancelUnpublished = true", Sort.ascending("finishedAt").and("id"));
    }

    public List<CampaignEntity> newestFirst() {
        return listAll(NEWEST_FIRST);
    }

    /** Campaigns {@code offset} to {@code offset + limit - 1}, newest first: every one, or those of {@code owner}. */
    public List<CampaignEntity> newestFirst(String owner, int offset, int limit) {
        var query = owner == null ? findAll(NEWEST_FIRST) : find("owner", NEWEST_FIRST, owner);
        return query.range(offset, offset + limit - 1).list();
    }

    /** How many campaigns there are, or how many {@code owner} has. */
    public long count(String owner) {
        return owner == null ? count() : count("owner", owner);
    }

    /** How many campaigns are in each state, zeros included. */
    public Map<CampaignState, Long> countByState() {
        Map<CampaignState, Long> counts = new EnumMap<>(CampaignState.class);
        for (CampaignState s : CampaignState.values()) {
            counts.put(s, 0L);
        }
        getEntityManager().createQuery("select c.state, count(c) from CampaignEntity c group by c.state", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((CampaignState) row[0], (Long) row[1]));
        return counts;
    }
}
