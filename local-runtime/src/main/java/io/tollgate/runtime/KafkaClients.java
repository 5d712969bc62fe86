package io.tollgate.runtime;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/** Creates Kafka clients that work whatever the caller's context class loader is. */
final class KafkaClients {

  private KafkaClients() {}

  static Admin admin(Map<String, Object> config) {
    return withOwnClassLoader(() -> Admin.create(config));
  }

  /**
   * Runs {@code action} with this module's class loader as context class loader: Kafka loads the
   * classes named in its configuration through it, and a foreign one (e.g. a Quarkus test class
   * loader) yields classes that do not fit the client's own interfaces.
   */
  static <T> T withOwnClassLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KafkaClients.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
