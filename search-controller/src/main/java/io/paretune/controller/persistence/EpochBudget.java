package io.paretune.controller.persistence;

/**
 * A campaign's training budget in epochs, the resource multi-fidelity pruning saves.
 *
 * @param used  epochs its trials trained: per trial the furthest epoch any worker reported, over all its segments
 *              (epochs a crashed attempt trained and its redelivery trained again count once)
 * @param saved epochs its PRUNED trials did not train versus full fidelity: per pruned trial, its full-fidelity
 *              epochs minus those it trained (trials ended by early stopping or failure count nothing here)
 */
public record EpochBudget(long used, long saved) {
}
