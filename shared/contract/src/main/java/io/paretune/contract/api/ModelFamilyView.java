package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A model family a pipeline campaign can search and its parameter catalogue: {@code GET /api/v1/model-families}.
 *
 * @param name       the family's name in specs ({@code "modelFamily"})
 * @param parameters every parameter it reads, by name
 */
@Schema(description = "A model family and the parameters its search space may name, with their bounds or choices "
        + "and the default taken when a campaign does not search one", requiredProperties = {"name", "parameters"})
public record ModelFamilyView(String name, List<Parameter> parameters) {

    /**
     * One parameter of the family.
     *
     * @param kind    int, float, string or boolean
     * @param min     smallest allowed value of a numeric range; null for choices
     * @param max     largest allowed value of a numeric range; null for choices
     * @param allowed the allowed values of a choice; empty for a range
     */
    @Schema(requiredProperties = {"name", "kind", "allowed", "description"})
    public record Parameter(
            String name,
            @Schema(enumeration = {"int", "float", "string", "boolean"}) String kind,
            @Schema(nullable = true) Double min,
            @Schema(nullable = true) Double max,
            List<Object> allowed,
            @Schema(nullable = true) Object defaultValue,
            String description) {
    }
}
