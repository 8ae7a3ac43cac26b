package io.paretune.kafka.cdi;

import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.client.KafkaConfig;
import io.paretune.kafka.client.KafkaIdentity;
import io.paretune.kafka.deadletter.DeadLetterPublisher;
import io.paretune.kafka.publish.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The toolkit as CDI beans, for a service that produces its {@link KafkaIdentity}: its {@link KafkaClients} (from
 * the {@code kafka.*} keys), one {@link Publisher} on one producer (closed at shutdown), its
 * {@link DeadLetterPublisher} and its {@link BrokerSetup}. Singletons without proxies, so that whoever injects one at
 * start-up creates it then (the dead-letter counters are exported from the first scrape).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ScorePublisher {
 *     public ScorePublisher(Publisher publisher) { ... }
 * }
 * }</pre>
 */
@ApplicationScoped
public class KafkaBeans {

    @Produces
    @Singleton
    KafkaClients clients(KafkaConfig config, KafkaIdentity identity) {
        return KafkaClients.from(config, identity.service());
    }

    @Produces
    @Singleton
    Publisher publisher(KafkaClients clients) {
        return new Publisher(clients.producer());
    }

    void closePublisher(@Disposes Publisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    DeadLetterPublisher deadLetters(Publisher publisher, KafkaIdentity identity, MeterRegistry registry) {
        return new DeadLetterPublisher(publisher, identity.service(), registry, identity.inputTopics());
    }

    @Produces
    @Singleton
    BrokerSetup broker(KafkaClients clients) {
        return new BrokerSetup(clients);
    }
}
