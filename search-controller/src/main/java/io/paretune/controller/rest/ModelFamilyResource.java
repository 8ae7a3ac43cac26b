package io.paretune.controller.rest;

import io.paretune.contract.api.ModelFamilyView;
import io.paretune.contract.search.ModelFamily;
import io.paretune.contract.search.ParameterRule;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The model families and the parameters each reads: what a spec's search space may name, for editors and scripts. */
@Path("/api/v1/model-families")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
public class ModelFamilyResource {

    @Access(Role.VIEWER)
    @GET
    @Operation(summary = "The model families and their parameter catalogues",
            description = "Every parameter a pipeline campaign's search space may name per family: its kind, its "
                    + "bounds or choices, and the default a trial takes when the campaign does not search it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = ModelFamilyView.class)))
    public List<ModelFamilyView> families() {
        return Arrays.stream(ModelFamily.values()).map(f -> new ModelFamilyView(f.wireName(),
                f.rules().values().stream().map(ModelFamilyResource::parameter).toList())).toList();
    }

    private static ModelFamilyView.Parameter parameter(ParameterRule rule) {
        boolean range = rule.isNumeric() && rule.allowed().isEmpty();
        return new ModelFamilyView.Parameter(rule.name(), rule.kind().name().toLowerCase(Locale.ROOT),
                range ? bound(rule.min()) : null, range ? bound(rule.max()) : null, rule.allowed(),
                rule.defaultValue(), rule.description());
    }

    /** An open end of a range (no upper limit) is null: JSON has no infinity. */
    private static Double bound(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
