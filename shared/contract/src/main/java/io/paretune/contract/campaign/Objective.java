package io.paretune.contract.campaign;

/**
 * A metric to optimize: {@code {"metric": "val_accuracy", "direction": "maximize"}}. A campaign's first objective
 * is its primary one.
 */
public record Objective(String metric, Direction direction) {
}
