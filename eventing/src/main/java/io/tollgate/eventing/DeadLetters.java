package io.tollgate.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sets aside a record this service cannot apply: it is copied, key and value unchanged, to {@code
 * <topic>.<service>.dlq} with headers that say why and where it came from, and the consumer moves
 * on. The copy is acknowledged by the broker before the consumer's offset moves past the record, so
 * a dead letter is never lost either.
 */
@ApplicationScoped
public class DeadLetters {

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  private final EventingConfig config;
  private final String service;
  private final ReliableProducer producer;
  private final MeterRegistry registry;

  DeadLetters(
      EventingConfig config,
      MeterRegistry registry,
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.config = config;
    this.registry = registry;
    this.service = service;
    this.producer = new ReliableProducer(kafka, "dead-letters-" + service, config.sendTimeout());
  }

  /** The dead-letter topic of {@code topic} for this service. */
  public String topicFor(String topic) {
    return topic + "." + service + ".dlq";
  }

  /**
   * Copies {@code record} to its dead-letter topic and waits for the broker's acknowledgement.
   *
   * @throws IllegalStateException when the broker does not acknowledge it in time; the caller must
   *     then not acknowledge the record either
   */
  public void send(ConsumerRecord<String, String> record, Throwable reason) {
    ProducerRecord<String, String> copy =
        new ProducerRecord<>(topicFor(record.topic()), record.key(), record.value());
    Headers headers = copy.headers();
    // the record's own headers come along (content-type: application/cloudevents+json tells a
    // CloudEvents reader the structured mode), so that a copy republished to its topic is the
    // record as it was
    for (Header original : record.headers()) {
      headers.add(original.key(), original.value());
    }
    header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
    header(headers, "dead-letter-cause", reason.getClass().getName());
    header(headers, "dead-letter-topic", record.topic());
    header(headers, "dead-letter-partition", String.valueOf(record.partition()));
    header(headers, "dead-letter-offset", String.valueOf(record.offset()));
    try {
      producer.get().send(copy).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting a record aside", e);
    } catch (ExecutionException | TimeoutException e) {
      producer.close();
      throw new IllegalStateException(
          "the dead-letter topic " + copy.topic() + " did not acknowledge a record", e);
    }
    // what an operator alerts on: each of these is an event this service did not apply
    deadLettered(record.topic()).increment();
    LOG.warnf(
        "%s-%d@%d set aside on %s: %s",
        record.topic(), record.partition(), record.offset(), copy.topic(), reason.getMessage());
  }

  private static void header(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Exports the count of every topic this service consumes at 0 from the start: a series that first
   * appears at 1 shows no increase to Prometheus, so an alert on the first dead letter would miss
   * it.
   */
  void onStart(@Observes StartupEvent event) {
    Config config = ConfigProvider.getConfig();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
        config.getOptionalValue(name, String.class).ifPresent(this::deadLettered);
      }
    }
  }

  private Counter deadLettered(String topic) {
    return Counter.builder("tollgate.inbox.dead.lettered")
        .description("Records this service could not apply and set aside on <topic>.<service>.dlq")
        .tag("topic", topic)
        .register(registry);
  }

  void onStop(@Observes ShutdownEvent event) {
    producer.close();
  }
}
