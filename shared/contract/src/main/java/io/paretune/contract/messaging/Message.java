package io.paretune.contract.messaging;

/**
 * What every message on a Paretune topic carries, so that nothing is ever matched back by parameter values.
 */
public interface Message {
    /** Version of the message schema; {@link Json#read} refuses versions it does not know. */
    int schemaVersion();

    String campaignId();

    String trialId();

    /** The schema version this build writes and reads. */
    int CURRENT_SCHEMA_VERSION = 1;
}
