package io.paretune.contract.messaging;

/**
 * What every message about a trial carries, so that nothing is ever matched back by parameter values.
 */
public interface Message extends CampaignMessage {

    String trialId();

    /** The schema version this build writes and reads. */
    int CURRENT_SCHEMA_VERSION = 1;
}
