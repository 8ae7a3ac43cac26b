package io.paretune.contract.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON codec of the contract: UTF-8 bytes on the wire, ISO-8601 instants, unknown fields tolerated
 * (a newer producer may add some), missing ids and unknown schema versions refused.
 *
 * <pre>{@code
 * byte[] bytes = Json.write(job);
 * TrialJob back = Json.read(bytes, TrialJob.class); // throws MalformedMessageException when unreadable
 * }</pre>
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** Applies the contract's settings to a mapper (services may pass their own framework mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a message and checks its schema version and ids (a trial message needs its trial id too). */
    public static <T extends CampaignMessage> T read(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedMessageException("empty " + type.getSimpleName());
        }
        T message;
        try {
            message = MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (message == null) {
            throw new MalformedMessageException("null " + type.getSimpleName());
        }
        if (message.schemaVersion() != Message.CURRENT_SCHEMA_VERSION) {
            throw new MalformedMessageException(type.getSimpleName() + " has schemaVersion " + message.schemaVersion()
                    + "; this build reads " + Message.CURRENT_SCHEMA_VERSION);
        }
        boolean aboutATrial = message instanceof Message;
        if (isBlank(message.campaignId()) || (aboutATrial && isBlank(((Message) message).trialId()))) {
            throw new MalformedMessageException(type.getSimpleName()
                    + (aboutATrial ? " without campaignId or trialId" : " without campaignId"));
        }
        return message;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
