package io.paretune.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.paretune.contract.messaging.Json;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * An OpenAPI 3.1 document as a JSON Schema validator: any schema in it is addressed by its JSON pointer
 * ({@code /components/schemas/CampaignSpec}, or one inside {@code /paths}), and its {@code $ref}s to
 * {@code #/components/schemas/...} resolve within the same document.
 */
public final class OpenApiSchemas {

    /** Where the document is said to live; never fetched (the loader below serves it from memory). */
    private static final String IRI = "https://paretune.invalid/q/openapi.json";

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    // date-time is asserted too: every Instant the API writes must be one.
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    public OpenApiSchemas(String json) {
        try {
            this.document = Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, json))));
    }

    public JsonNode document() {
        return document;
    }

    /** What is wrong with {@code instance} against the schema at {@code pointer}; empty when it is valid. */
    public List<String> errors(String pointer, JsonNode instance) {
        return factory.getSchema(SchemaLocation.of(IRI + "#" + pointer), config).validate(instance).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    /** {@code schema} itself, or the component it refers to. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : document.at(ref.asText().substring(1));
    }

    /** One name as a step of a JSON pointer ({@code /api/v1/campaigns} is {@code ~1api~1v1~1campaigns}). */
    public static String step(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
