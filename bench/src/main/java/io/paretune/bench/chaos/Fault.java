package io.paretune.bench.chaos;

import io.paretune.bench.Stats;
import io.paretune.contract.api.TrialView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of the fault table: what was killed, when, how long it took to come back, and what became of the trials it hit. */
final class Fault {

    private final String fault;
    private final String process;
    private final long pid;
    private final double atSeconds;
    private final boolean targetMissed;
    private final List<TrialView> affected;
    private double restartSeconds = Double.NaN;
    private long newPid = -1;
    private final List<String> outcomes = new ArrayList<>();

    Fault(String fault, String process, long pid, double atSeconds, boolean targetMissed, List<TrialView> affected) {
        this.fault = fault;
        this.process = process;
        this.pid = pid;
        this.atSeconds = atSeconds;
        this.targetMissed = targetMissed;
        this.affected = List.copyOf(affected);
    }

    void restarted(double seconds, long pid) {
        restartSeconds = seconds;
        newPid = pid;
    }

    boolean restarted() {
        return !Double.isNaN(restartSeconds);
    }

    double atSeconds() {
        return atSeconds;
    }

    double restartSeconds() {
        return restartSeconds;
    }

    List<Integer> affectedNumbers() {
        return affected.stream().map(TrialView::number).toList();
    }

    /** Each affected trial as it was hit and as it ended. */
    void settle(List<TrialView> finalTrials) {
        for (TrialView hit : affected) {
            TrialView end = finalTrials.stream().filter(t -> t.id().equals(hit.id())).findFirst().orElse(null);
            outcomes.add("trial " + hit.number() + " (attempt " + hit.attempt() + ", epoch "
                    + hit.history().stream().mapToInt(TrialView.EpochView::epoch).max().orElse(0)
                    + (hit.artifactPath() == null ? "" : ", trained") + ") -> "
                    + (end == null ? "missing" : end.state() + " at attempt " + end.attempt()
                    + (end.failureReason() == null ? "" : " (" + end.failureReason() + ")")));
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fault", fault);
        out.put("process", process);
        out.put("pid", pid);
        out.put("atSeconds", atSeconds);
        out.put("restartSeconds", restarted() ? Stats.round(restartSeconds, 1) : null);
        out.put("newPid", newPid);
        out.put("targetMissed", targetMissed);
        out.put("trialsAffected", affectedNumbers());
        out.put("outcome", outcomes);
        return out;
    }
}
