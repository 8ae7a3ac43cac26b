package io.paretune.contract.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Early stopping inside a trial: stop when validation loss has not improved for {@code patience} epochs and keep the
 * best epoch's weights. {@code patience} 0 turns it off.
 */
@Schema(description = "Pipeline campaigns only (default: patience 3)", additionalProperties = Schema.False.class)
public record EarlyStopping(
        @Schema(minimum = "0", maximum = "" + CampaignSpecParser.MAX_EPOCHS_PER_TRIAL,
                defaultValue = "" + EarlyStopping.DEFAULT_PATIENCE)
        int patience) {
    public static final int DEFAULT_PATIENCE = 3;
}
