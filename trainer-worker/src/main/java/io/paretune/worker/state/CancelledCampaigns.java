package io.paretune.worker.state;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The campaigns this worker knows to be cancelled, as read from the campaign-control topic: a job of one is dropped
 * untrained, a trial of one being trained is stopped. Caught up once the topic has been read to the end it had when
 * the worker started, so that a worker starting after a cancellation never begins a job of that campaign.
 */
@ApplicationScoped
public class CancelledCampaigns {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    /** Returns true when the campaign was not known to be cancelled before. */
    public boolean add(String campaignId) {
        return ids.add(campaignId);
    }

    public boolean contains(String campaignId) {
        return ids.contains(campaignId);
    }

    /** The cancellations published before this worker started have all been read. */
    public void markCaughtUp() {
        caughtUp.countDown();
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until caught up; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
