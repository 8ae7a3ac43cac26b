package io.paretune.contract.campaign;

/**
 * Early stopping inside a trial: stop when validation loss has not improved for {@code patience} epochs and keep the
 * best epoch's weights. {@code patience} 0 turns it off.
 */
public record EarlyStopping(int patience) {
    public static final int DEFAULT_PATIENCE = 3;
}
