package io.tollgate.eventing;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer configuration this module sends with, created on first use and dropped
 * after a failure so that the next use starts from a fresh connection: idempotent, {@code acks=all}
 * (nothing counts as sent until the in-sync replicas have it) and {@code linger.ms=0} (the callers
 * batch themselves and then wait for the acknowledgements).
 */
final class ReliableProducer {

  private static final Logger LOG = Logger.getLogger(ReliableProducer.class);

  private final String bootstrapServers;
  private final String clientId;
  private final Duration timeout;
  private Producer<String, String> producer;

  ReliableProducer(String bootstrapServers, String clientId, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.clientId = clientId;
    this.timeout = timeout;
  }

  synchronized Producer<String, String> get() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      int millis = (int) timeout.toMillis();
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, millis / 2));
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  /** Closes the producer without waiting; the next {@link #get()} creates a new one. */
  synchronized void close() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debugf(e, "closing producer %s failed", clientId);
      }
      producer = null;
    }
  }
}
