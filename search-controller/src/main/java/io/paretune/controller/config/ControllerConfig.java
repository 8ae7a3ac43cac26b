package io.paretune.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed settings of the search-controller ({@code paretune.controller.*}). */
@ConfigMapping(prefix = "paretune.controller")
public interface ControllerConfig {

    /**
     * How often the reconcile loop runs (it also runs right after a campaign is submitted or a trial ends):
     * dispatches trials, dispatches again or fails stale ones, completes campaigns and refreshes the gauges.
     */
    @WithDefault("1s")
    Duration reconcileEvery();

    /**
     * How often the reconcile loop reads the gauges' values from the database (at most; the first pass always does).
     * Those reads span every campaign, so with many campaigns running they cost more than the pass itself; a value
     * fresher than Prometheus's scrape interval (5 s in dashboards/prometheus.yml) is never seen.
     */
    @WithDefault("5s")
    Duration metricsEvery();

    /**
     * The most campaigns whose Pareto-front gauges one reading measures again (those whose COMPLETE trials changed,
     * least recently measured first): each loads the campaign's trials, so many campaigns busy at once would make
     * every reading a burst that requests wait behind; the others wait for the next reading.
     */
    @WithDefault("10")
    int frontsPerRefresh();

    /**
     * A RUNNING trial that is still training and from which no progress (start, epoch, heartbeat) has come for this
     * long is abandoned: its worker died, hung or lost its result. Its job is dispatched again (see
     * {@link #maxTrialAttempts()}). Keep it well above the workers' heartbeat interval.
     */
    @WithDefault("60s")
    Duration trialStaleAfter();

    /**
     * Attempts at one segment of a trial (the first included) before an abandoned trial is failed rather than
     * dispatched again: a trial whose training kills its worker every time must not go round forever.
     */
    @WithDefault("3")
    int maxTrialAttempts();

    /**
     * A trained trial whose score has not come for this long is failed: the evaluator never scored it.
     */
    @WithDefault("10m")
    Duration scoringStaleAfter();

    /** How long dispatch waits for the broker to acknowledge a trial job before it retries on the next pass. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * How many times the consumer tries a record whose handling fails for a reason that would not pass by itself
     * before it sets the record aside on the dead-letter topic; also how often it tries a score that arrives before
     * its trial's result (they travel on different topics). Transient failures (the database is unreachable, a
     * lock timed out) are retried, with growing pauses, until they pass.
     */
    @WithDefault("3")
    int maxHandlingAttempts();

    /**
     * Memory a worker grants one trial's network, in MB (the workers' {@code paretune.worker.memory-budget-mb}):
     * a pipeline search space whose largest network needs more ({@code MemoryEstimate}) is refused with a 400
     * naming the parameters that size it.
     */
    @WithDefault("1024")
    int workerMemoryBudgetMb();

    /**
     * Intermediate values one ask/tell trial may report: each is a row, and pruners read them all. A report beyond
     * it is a 409; a trial that needs more should report less often.
     */
    @WithDefault("10000")
    int maxReportsPerTrial();
}
