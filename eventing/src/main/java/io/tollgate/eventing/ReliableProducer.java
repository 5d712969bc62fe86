package io.tollgate.eventing;

import java.time.Duration;
import java.util.Map;
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
 * batch themselves and then wait for the acknowledgements). Everything else comes from the
 * service's {@code kafka.*} configuration (Quarkus's {@code default-kafka-broker} map, which the
 * consumers use too): bootstrap servers, and above all the security settings ({@code
 * KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, TLS),
 * without which a secured broker would refuse the relay while the consumers and readiness look
 * fine.
 */
final class ReliableProducer {

  private static final Logger LOG = Logger.getLogger(ReliableProducer.class);

  private final Map<String, ?> kafka;
  private final String clientId;
  private final Duration timeout;
  private Producer<String, String> producer;

  /** The shortest send timeout a producer can be configured with. */
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  /**
   * @param kafka the service's Kafka client settings (names without the {@code kafka.} prefix)
   */
  ReliableProducer(Map<String, ?> kafka, String clientId, Duration timeout) {
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      // the producer's request timeout is at least a second, and Kafka refuses a delivery timeout
      // shorter than it: every send would fail
      throw new IllegalArgumentException(
          "tollgate.outbox.send-timeout is "
              + timeout.toMillis()
              + " ms; it must be at least "
              + MIN_TIMEOUT.toSeconds()
              + " s");
    }
    this.kafka = Map.copyOf(kafka);
    this.clientId = clientId;
    this.timeout = timeout;
  }

  synchronized Producer<String, String> get() {
    if (producer == null) {
      producer = new KafkaProducer<>(properties(kafka, clientId, timeout));
    }
    return producer;
  }

  /** The service's settings, with what makes sending reliable laid over them. */
  static Properties properties(Map<String, ?> kafka, String clientId, Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafka);
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
    return props;
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
