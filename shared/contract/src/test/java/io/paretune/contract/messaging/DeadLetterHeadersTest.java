package io.paretune.contract.messaging;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersTest {

    @Test
    void namesReasonCauseSourceAndService() {
        Map<String, byte[]> headers = DeadLetterHeaders.of("unreadable TrialJob", new MalformedMessageException("x"),
                Topics.TRIAL_JOBS, 0, 42L, "worker");

        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(text).containsExactly(
                Map.entry(DeadLetterHeaders.REASON, "unreadable TrialJob"),
                Map.entry(DeadLetterHeaders.EXCEPTION, MalformedMessageException.class.getName()),
                Map.entry(DeadLetterHeaders.SOURCE_TOPIC, Topics.TRIAL_JOBS),
                Map.entry(DeadLetterHeaders.SOURCE_PARTITION, "0"),
                Map.entry(DeadLetterHeaders.SOURCE_OFFSET, "42"),
                Map.entry(DeadLetterHeaders.SERVICE, "worker"));
    }

    @Test
    void aMissingCauseOrReasonIsAnEmptyHeader() {
        Map<String, byte[]> headers = DeadLetterHeaders.of(null, null, "t", 1, 2L, "controller");

        assertThat(headers.get(DeadLetterHeaders.REASON)).isEmpty();
        assertThat(headers.get(DeadLetterHeaders.EXCEPTION)).isEmpty();
    }
}
