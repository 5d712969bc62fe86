package io.tollgate.eventing;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one producer configuration this module sends with: nothing is acknowledged until durable. */
final class KafkaProducers {

  private KafkaProducers() {}

  /**
   * An idempotent producer that waits for every in-sync replica ({@code acks=all}) and sends at
   * once ({@code linger.ms=0}: the callers batch themselves and wait for the acknowledgement).
   */
  static Producer<String, String> reliable(
      String bootstrapServers, String clientId, Duration timeout) {
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
    return new KafkaProducer<>(props);
  }
}
