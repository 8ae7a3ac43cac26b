package io.paretune.controller.rest;

import io.paretune.contract.api.ErrorResponse;
import io.paretune.contract.api.ModelCard;
import io.paretune.contract.api.ModelDownload;
import io.paretune.controller.model.ModelArtifacts;
import io.paretune.controller.model.ModelCards;
import io.paretune.controller.model.ScoredModels;
import io.paretune.controller.model.VerifiedModel;
import io.paretune.controller.security.Access;
import io.paretune.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;
import java.util.HexFormat;

/** A scored trial's model: the artifact file, checked against the score's SHA-256, and its model card. */
@Path("/api/v1/campaigns/{id}/trials/{trialId}")
@Tag(name = "models", description = "The model of a scored trial and its model card")
public class TrialModelResource {

    private final ScoredModels scored;
    private final ModelArtifacts artifacts;
    private final ModelCards cards;

    public TrialModelResource(ScoredModels scored, ModelArtifacts artifacts, ModelCards cards) {
        this.scored = scored;
        this.artifacts = artifacts;
        this.cards = cards;
    }

    @Access(Role.OPERATOR)
    @GET
    @Path("model")
    @Produces({ModelDownload.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the model of a scored trial", description = "The compressed artifact the "
            + "evaluator scored (a zip that shared/ml's CompressedArtifact.read loads), served only if the file still "
            + "hashes to the SHA-256 recorded with the score; the hash is sent in X-Checksum-SHA256 (hex) and "
            + "Repr-Digest (RFC 9530). The model card's loadSnippet runs it.")
    @APIResponse(responseCode = "200", description = "The artifact file", headers = {
            @Header(name = ModelDownload.SHA256_HEADER, description = "Hex SHA-256 of the body, the score's",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-f]{64}$")),
            @Header(name = "Repr-Digest", description = "sha-256=:<base64>: of the body",
                    schema = @Schema(type = SchemaType.STRING)),
            @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = "attachment; filename=\"<campaign>-trial-<n>.ptm.zip\"",
                    schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = ModelDownload.MEDIA_TYPE,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "Unknown campaign or trial, or a trial without a scored model "
            + "(not scored yet, failed, pruned, external, or scored without the artifact's SHA-256)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "The file in the artifact store is not the one scored (another "
            + "SHA-256), or the trial's artifact path leads out of the store: nothing is served",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "410", description = "The scored model file is no longer in the artifact store",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "The artifact store cannot be read now (unreachable, access "
            + "denied); Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorResponse.class)))
    public Response model(@PathParam("id") String id, @PathParam("trialId") String trialId) {
        VerifiedModel model = artifacts.open(scored.find(id, trialId));
        StreamingOutput body = model::writeTo;
        return Response.ok(body, ModelDownload.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, model.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + model.fileName() + "\"")
                .header(ModelDownload.SHA256_HEADER, model.sha256())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        HexFormat.of().parseHex(model.sha256())) + ":")
                .build();
    }

    @Access(Role.VIEWER)
    @GET
    @Path("model-card")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model card of a scored trial", description = "Metrics, parameters, compression "
            + "applied and achieved, preprocessing, data split, training seed and epochs, the backend it trained on "
            + "and the hardware it was measured on, the artifact's size and SHA-256, and a Java program that loads "
            + "and runs it. Still answered when the file has left the store (artifact.available false).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ModelCard.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign or trial, or a trial without a scored model",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public ModelCard modelCard(@PathParam("id") String id, @PathParam("trialId") String trialId) {
        return cards.card(id, trialId);
    }
}
