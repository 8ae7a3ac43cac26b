package io.paretune.contract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.campaign.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictJsonTest {

    @Test
    void readsNonFiniteNumbersAsNumbers() {
        JsonNode node = StrictJson.read("{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity, \"d\": 1e999}");
        assertThat(node.get("a").isNumber()).isTrue();
        assertThat(node.get("a").asDouble()).isNaN();
        assertThat(node.get("b").asDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(node.get("c").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(node.get("d").asDouble()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void refusesARepeatedKeyWithItsPosition() {
        StrictJson.MalformedJsonException e = malformed("{\"name\": \"a\",\n \"name\": \"b\"}");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isPositive();
        assertThat(e.problem()).contains("Duplicate field 'name'");
        assertThat(e.getMessage()).startsWith("malformed JSON at line 2, column ");
    }

    @Test
    void refusesTextAfterTheDocument() {
        assertThat(malformed("{\"a\": 1} {\"b\": 2}").problem()).contains("Trailing token");
        assertThat(malformed("[1, 2]]").line()).isEqualTo(1);
    }

    @Test
    void namesLineAndColumnOfBrokenJson() {
        StrictJson.MalformedJsonException e = malformed("{\n  \"name\": \"x\",\n  \"budget\": {\"maxTrials\": 8,}\n}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).as("the } after the comma").isEqualTo(29);
        assertThat(e.isEmpty()).isFalse();
    }

    @Test
    void anEmptyDocumentIsNamedAsSuch() {
        StrictJson.MalformedJsonException e = malformed("  \n");
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.asBodyError("a campaign spec"))
                .isEqualTo(new FieldError("body", "is empty; expected a campaign spec"));
        assertThat(malformed(null).isEmpty()).isTrue();
    }

    @Test
    void aBodyErrorNamesTheBodyAndWhere() {
        FieldError error = malformed("{\"step\": ").asBodyError("a report");
        assertThat(error.field()).isEqualTo("body");
        assertThat(error.message()).startsWith("malformed JSON at line 1, column ");
    }

    @Test
    void scalarsAndArraysAreDocumentsToo() {
        assertThat(StrictJson.read("[1, 2]").isArray()).isTrue();
        assertThat(StrictJson.read("3").isInt()).isTrue();
    }

    private static StrictJson.MalformedJsonException malformed(String text) {
        return catchThrowableOfType(StrictJson.MalformedJsonException.class, () -> StrictJson.read(text));
    }
}
