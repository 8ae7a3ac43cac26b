package io.paretune.controller.trial;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.ReportRequest;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.paretune.controller.trial.InvalidTrialRequestException.INVALID_REPORT;
import static io.paretune.controller.trial.InvalidTrialRequestException.INVALID_TELL;

/**
 * Reads the bodies of {@code report} and {@code tell} against the campaign's spec and names every bad field at once
 * ({@code step}, {@code values.loss}, {@code state}), so that a client fixes a request in one round trip. Unknown
 * fields are errors, as in campaign specs.
 */
final class AskTellRequests {

    static final int MAX_METRIC_NAME = 100;

    private static final Set<String> REPORT_FIELDS = Set.of("step", "values");
    private static final Set<String> TELL_FIELDS = Set.of("values", "state", "reason");

    private AskTellRequests() {
    }

    /**
     * {@code {"values": {...}}} (COMPLETE), {@code {"state": "FAILED", "reason": "..."}} or
     * {@code {"state": "PRUNED"}}.
     *
     * @param values every value told, objectives first; empty unless COMPLETE
     */
    record Tell(TrialState state, Map<String, Double> values, String reason) {
    }

    /** {@code {"step": 3, "values": {"loss": 0.41}}}: the primary objective's value at a step (required), and any others. */
    static ReportRequest report(JsonNode body, CampaignSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, "{\"step\": 3, \"values\": {\"" + spec.primaryObjective().metric() + "\": 0.5}}", errors)) {
            throw new InvalidTrialRequestException(INVALID_REPORT, errors);
        }
        unknownFields(body, REPORT_FIELDS, errors);
        int step = step(body.get("step"), errors);
        String primary = spec.primaryObjective().metric();
        Map<String, Double> values = values(body.get("values"), errors);
        if (values != null && !values.containsKey(primary) && !hasError(errors, "values." + primary)) {
            errors.add(new FieldError("values." + primary, "is required: the primary objective's value at this step "
                    + "(what pruners compare trials by)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidTrialRequestException(INVALID_REPORT, errors);
        }
        return new ReportRequest(step, values);
    }

    static Tell tell(JsonNode body, CampaignSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, "{\"values\": {\"" + spec.primaryObjective().metric() + "\": 0.5}} or {\"state\": \"FAILED\"}",
                errors)) {
            throw new InvalidTrialRequestException(INVALID_TELL, errors);
        }
        unknownFields(body, TELL_FIELDS, errors);
        TrialState state = state(body.get("state"), errors);
        JsonNode valuesNode = body.get("values");
        JsonNode reasonNode = body.get("reason");
        Map<String, Double> values = Map.of();
        String reason = null;
        if (state == TrialState.COMPLETE) {
            if (present(reasonNode)) {
                errors.add(new FieldError("reason", "only taken with state FAILED or PRUNED"));
            }
            if (!present(valuesNode)) {
                errors.add(new FieldError("values", "is required to complete a trial: a value for every objective "
                        + metricsToTell(spec) + " (or tell {\"state\": \"FAILED\"})"));
            } else {
                values = values(valuesNode, errors);
                if (values != null) {
                    requireAll(values, spec, errors);
                }
            }
        } else if (state != null) {
            if (present(valuesNode)) {
                errors.add(new FieldError("values", "not taken with state " + wireName(state)
                        + ": only a COMPLETE trial has values (leave out state to complete it)"));
            }
            if (present(reasonNode)) {
                if (!reasonNode.isTextual()) {
                    errors.add(new FieldError("reason", "must be a string, got " + reasonNode));
                } else {
                    reason = reasonNode.asText();
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTrialRequestException(INVALID_TELL, errors);
        }
        return new Tell(state, values, reason == null || reason.isBlank() ? null : reason.strip());
    }

    /** FAIL is told as FAILED on the wire (Optuna's word for it is FAIL, accepted too). */
    static String wireName(TrialState state) {
        return state == TrialState.FAIL ? "FAILED" : state.name();
    }

    private static void requireAll(Map<String, Double> values, CampaignSpec spec, List<FieldError> errors) {
        for (Objective o : spec.objectives()) {
            if (!values.containsKey(o.metric()) && !hasError(errors, "values." + o.metric())) {
                errors.add(new FieldError("values." + o.metric(), "is required: every objective needs a value ("
                        + o.direction().wireName() + ")"));
            }
        }
        for (Constraint c : spec.constraints()) {
            if (!values.containsKey(c.metric()) && !hasError(errors, "values." + c.metric())) {
                errors.add(new FieldError("values." + c.metric(), "is required: the campaign constrains it"));
            }
        }
    }

    private static String metricsToTell(CampaignSpec spec) {
        Set<String> names = new java.util.LinkedHashSet<>();
        spec.objectives().forEach(o -> names.add(o.metric()));
        spec.constraints().forEach(c -> names.add(c.metric()));
        return names.toString();
    }

    private static TrialState state(JsonNode node, List<FieldError> errors) {
        if (!present(node)) {
            return TrialState.COMPLETE;
        }
        String text = node.isTextual() ? node.asText().strip().toUpperCase(Locale.ROOT) : "";
        switch (text) {
            case "COMPLETE":
                return TrialState.COMPLETE;
            case "FAILED":
            case "FAIL":
                return TrialState.FAIL;
            case "PRUNED":
                return TrialState.PRUNED;
            default:
                errors.add(new FieldError("state", "must be COMPLETE, FAILED or PRUNED, got " + node));
                return null;
        }
    }

    private static int step(JsonNode node, List<FieldError> errors) {
        if (!present(node)) {
            errors.add(new FieldError("step", "is required: an integer >= 0 (an epoch, an iteration, a budget spent)"));
            return -1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            errors.add(new FieldError("step", "must be an integer >= 0, got " + node));
            return -1;
        }
        return node.asInt();
    }

    /** Every value a finite number; null when {@code values} is not an object (then an error says so). */
    private static Map<String, Double> values(JsonNode node, List<FieldError> errors) {
        if (!present(node)) {
            errors.add(new FieldError("values", "is required: an object of metric name to number"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("values", "must be an object of metric name to number, got " + node));
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "values." + e.getKey();
            JsonNode v = e.getValue();
            if (e.getKey().isBlank() || e.getKey().length() > MAX_METRIC_NAME) {
                errors.add(new FieldError(field, "metric names are 1 to " + MAX_METRIC_NAME + " characters, not blank"));
            } else if (!v.isNumber()) {
                errors.add(new FieldError(field, "must be a finite number, got " + v));
            } else if (!Double.isFinite(v.doubleValue())) {
                errors.add(new FieldError(field, "must be a finite number, got " + v.asText()));
            } else {
                values.put(e.getKey(), v.doubleValue());
            }
        }
        return values;
    }

    private static boolean isObject(JsonNode body, String example, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "the body must be a JSON object such as " + example));
            return false;
        }
        return true;
    }

    private static void unknownFields(JsonNode body, Set<String> known, List<FieldError> errors) {
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                errors.add(new FieldError(f, "unknown field; known: " + new TreeSet<>(known)));
            }
        });
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static boolean hasError(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }
}
