package io.tollgate.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the first test class saw, kept in system properties because each Quarkus application has its
 * own class loaders and therefore its own statics.
 */
final class Observations {

  private Observations() {}

  static void sameBrokerEverywhere(String bootstrapServers) {
    same("tollgate.test.observed.kafka", bootstrapServers);
  }

  static void sameApplicationEverywhere(String applicationId) {
    same("tollgate.test.observed.application", applicationId);
  }

  private static void same(String key, String value) {
    String first = System.getProperties().getProperty(key);
    if (first == null) {
      System.setProperty(key, value);
    } else {
      assertEquals(first, value, key);
    }
  }
}
