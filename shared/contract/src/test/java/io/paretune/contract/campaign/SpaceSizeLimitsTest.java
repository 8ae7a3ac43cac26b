package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What one ask costs grows with the parameters and the choices of the space: both are bounded at the door. */
class SpaceSizeLimitsTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    private static ObjectNode external(ObjectNode space) {
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.put("name", "wide").put("evaluation", "external");
        spec.set("searchSpace", space);
        spec.putArray("objectives").addObject().put("metric", "loss").put("direction", "minimize");
        spec.putObject("budget").put("maxTrials", 10);
        spec.putObject("strategy").put("sampler", "random").put("seed", 1);
        return spec;
    }

    private static ObjectNode floats(int count) {
        ObjectNode space = Json.mapper().createObjectNode();
        for (int i = 0; i < count; i++) {
            space.putObject("x" + i).put("type", "float").put("low", 0).put("high", 1);
        }
        return space;
    }

    @Test
    void anExternalSpaceHoldsAtMostAHundredParameters() {
        assertThat(parser.parse(external(floats(CampaignSpecParser.MAX_PARAMETERS))).errors()).isEmpty();

        assertThat(parser.parse(external(floats(CampaignSpecParser.MAX_PARAMETERS + 1))).errors())
                .containsExactly(new FieldError("searchSpace", "at most 100 parameters, got 101"));
    }

    @Test
    void aCategoricalHoldsAtMostAThousandChoices() {
        ObjectNode space = Json.mapper().createObjectNode();
        ObjectNode c = space.putObject("c").put("type", "categorical");
        ArrayNode choices = c.putArray("choices");
        for (int i = 0; i <= SearchSpaceJson.MAX_CHOICES; i++) {
            choices.add("v" + i);
        }

        assertThat(parser.parse(external(space)).errors())
                .containsExactly(new FieldError("searchSpace.c.choices", "at most 1000 choices, got 1001"));
        choices.remove(0);
        assertThat(parser.parse(external(space)).errors()).isEmpty();
    }
}
