package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * {@code POST /api/v1/campaigns/{id}/trials/ask}: the trial to evaluate.
 *
 * @param params its parameter values by name (integers as whole numbers, categorical choices as given in the spec);
 *               a conditional parameter whose condition does not hold is absent
 */
@Schema(requiredProperties = {"trialId", "number", "params"})
public record AskResponse(String trialId, int number, Map<String, Object> params) {
}
