package io.paretune.controller.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.paretune.contract.campaign.FieldError;

import java.util.List;
import java.util.function.Function;

/** Reads request bodies strictly: a repeated key or text after the document is malformed, not a silent default. */
final class JsonBodies {

    private static final ObjectMapper STRICT = strict().build();
    /**
     * The same, and NaN/Infinity read as numbers: Python's json (and so {@code requests}) writes them bare, and the
     * client should hear that {@code values.loss} is not finite rather than that its JSON is malformed.
     */
    private static final ObjectMapper STRICT_NON_FINITE = strict()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonBodies() {
    }

    private static JsonMapper.Builder strict() {
        return JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param expected what the body should be ("a campaign spec"), for the empty-body error
     * @param refuse   the exception to throw with the {@code body} field error
     */
    static JsonNode read(String body, String expected, Function<List<FieldError>, RuntimeException> refuse) {
        return read(STRICT, body, expected, refuse);
    }

    /** Like {@link #read}, with NaN and Infinity read as (non-finite) numbers, for the caller to refuse by field. */
    static JsonNode readNumbers(String body, String expected, Function<List<FieldError>, RuntimeException> refuse) {
        return read(STRICT_NON_FINITE, body, expected, refuse);
    }

    private static JsonNode read(ObjectMapper mapper, String body, String expected,
                                 Function<List<FieldError>, RuntimeException> refuse) {
        if (body == null || body.isBlank()) {
            throw refuse.apply(List.of(new FieldError("body", "is empty; expected " + expected)));
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw refuse.apply(List.of(new FieldError("body", "malformed JSON" + where + ": " + e.getOriginalMessage())));
        }
    }
}
