package io.paretune.controller.rest;

import io.paretune.contract.api.ParameterImportance;
import io.paretune.contract.api.WorkerView;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignNotFoundException;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.importance.ParameterImportances;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.security.Caller;
import io.paretune.controller.selection.Contender;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API answers that no single row holds: which parameters mattered to a campaign, and which workers were
 * heard from lately and what they train. Computed on every read from the database, like the verdict.
 */
@ApplicationScoped
public class CampaignInsights {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final ControllerClock clock;

    public CampaignInsights(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs, ControllerClock clock) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.clock = clock;
    }

    @Transactional
    public ParameterImportance importance(String id) {
        CampaignEntity c = campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
        CampaignSpec spec = specs.of(c);
        String metric = spec.primaryObjective().metric();
        List<Map<String, Object>> params = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Contender t : trials.contenders(id)) {
            Double value = t.metrics().get(metric);
            if (value != null && Double.isFinite(value)) {
                params.add(t.params());
                values.add(value);
            }
        }
        ParameterImportances.Result result = ParameterImportances.of(params, values, c.seed);
        return new ParameterImportance(c.id, metric, ParameterImportances.METHOD, params.size(),
                result.shares().stream().map(s -> new ParameterImportance.Share(s.parameter(), s.importance()))
                        .toList(), result.omitted());
    }

    /**
     * The workers heard from within {@code window}, latest first. Workers serve every owner: anyone sees them, but
     * only an admin sees which campaign's trials they train; others see their own campaigns' trials.
     */
    @Transactional
    public List<WorkerView> workers(Caller caller, Duration window) {
        Map<String, List<TrialEntity>> byWorker = new LinkedHashMap<>();
        for (TrialEntity t : trials.heardFromWorkersSince(clock.now().minus(window))) {
            byWorker.computeIfAbsent(t.workerId, k -> new ArrayList<>()).add(t);
        }
        Map<String, Optional<String>> owners = new HashMap<>();
        List<WorkerView> workers = new ArrayList<>();
        byWorker.forEach((worker, heard) -> {
            String backend = heard.stream().map(t -> t.backend).filter(Objects::nonNull).findFirst().orElse(null);
            List<WorkerView.Training> training = heard.stream()
                    .filter(t -> t.state == TrialState.RUNNING && t.artifactPath == null)
                    .filter(t -> caller.seesAll() || owners.computeIfAbsent(t.campaignId,
                            k -> campaigns.find(k).map(c -> c.owner)).filter(caller.name()::equals).isPresent())
                    .map(t -> new WorkerView.Training(t.campaignId, t.id, t.number, t.epochsTrained, t.lastEpoch))
                    .toList();
            workers.add(new WorkerView(worker, heard.get(0).lastHeartbeatAt, backend, training, heard.size()));
        });
        return workers;
    }
}
