package io.paretune.worker.state;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** What the worker is doing now, for the status endpoint and the busy gauge. */
@ApplicationScoped
public class WorkerStatus {

    private volatile String currentTrialId;
    private final AtomicLong jobsDone = new AtomicLong();

    public void started(String trialId) {
        currentTrialId = trialId;
    }

    public void finished() {
        currentTrialId = null;
        jobsDone.incrementAndGet();
    }

    /** Training stopped without a result (shutdown): the job goes back to the queue. */
    public void abandoned() {
        currentTrialId = null;
    }

    public boolean busy() {
        return currentTrialId != null;
    }

    public Optional<String> currentTrialId() {
        return Optional.ofNullable(currentTrialId);
    }

    /** Trials finished with a result (trained or failed) since start. */
    public long jobsDone() {
        return jobsDone.get();
    }
}
