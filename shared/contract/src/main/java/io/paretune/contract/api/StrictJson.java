package io.paretune.contract.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.paretune.contract.campaign.FieldError;

/**
 * The one reader of JSON that people write: campaign specs (from the REST API and from spec files) and ask/tell
 * bodies. A repeated key or text after the document is refused, since either would otherwise pick a value
 * silently. {@code NaN}, {@code Infinity} and {@code -Infinity} are read as numbers: Python's {@code json} (and so
 * {@code requests}) writes them bare, and the validators that read the tree then name the field that is not finite
 * ({@code values.loss must be a finite number}) instead of calling the whole document malformed.
 *
 * <pre>{@code
 * try {
 *     JsonNode spec = StrictJson.read(Files.readString(file));
 *     CampaignSpecParser.Parsed parsed = parser.parse(spec);
 * } catch (StrictJson.MalformedJsonException e) {
 *     System.err.println("line " + e.line() + ", column " + e.column() + ": " + e.problem());
 * }
 * }</pre>
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private StrictJson() {
    }

    /**
     * The document in {@code text}: an object, an array or a scalar (callers check which they expect).
     *
     * @throws MalformedJsonException when {@code text} is empty or blank, or is not one JSON document
     */
    public static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedJsonException(null, 0, 0);
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedJsonException(e.getOriginalMessage(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr());
        }
    }

    /**
     * Text that is not one JSON document, with where the reader gave up (1-based; 0 when there was no document or
     * the reader could not tell).
     */
    public static final class MalformedJsonException extends RuntimeException {

        private static final String EMPTY = "the document is empty";

        private final String problem;
        private final int line;
        private final int column;

        /** @param problem what the reader refused; null when there was no document at all */
        MalformedJsonException(String problem, int line, int column) {
            super(problem == null ? EMPTY : line > 0
                    ? "malformed JSON at line " + line + ", column " + column + ": " + problem
                    : "malformed JSON: " + problem);
            this.problem = problem;
            this.line = line;
            this.column = column;
        }

        /** What the reader refused, without the position. */
        public String problem() {
            return problem == null ? EMPTY : problem;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        /** Whether there was no document at all (empty or blank text). */
        public boolean isEmpty() {
            return problem == null;
        }

        /**
         * The error an API answers for a request body: field {@code body}, "is empty; expected {@code expected}" or
         * "malformed JSON at line L, column C: ...".
         *
         * @param expected what the body should hold, such as "a campaign spec"
         */
        public FieldError asBodyError(String expected) {
            return new FieldError("body", isEmpty() ? "is empty; expected " + expected : getMessage());
        }
    }
}
