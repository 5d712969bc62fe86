package io.tollgate.testing;

import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Creates Kafka clients that work whatever the caller's context class loader is. */
final class KafkaClientFactory {

  private KafkaClientFactory() {}

  static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
    ClassLoader previous = swap();
    try {
      return new KafkaConsumer<>(config);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  static KafkaProducer<String, String> producer(Map<String, Object> config) {
    ClassLoader previous = swap();
    try {
      return new KafkaProducer<>(config);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  // Kafka loads the classes named in its config through the context class loader; classes from a
  // foreign loader (e.g. another Quarkus application's) would not fit the client's interfaces
  private static ClassLoader swap() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KafkaClientFactory.class.getClassLoader());
    return previous;
  }
}
