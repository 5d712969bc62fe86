package io.tollgate.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tollgate.testing.TollgateInfrastructure;

/**
 * What the first test class saw, kept in system properties because each Quarkus application has its
 * own class loaders and therefore its own statics.
 */
final class Observations {

  private Observations() {}

  /** The broker the application was given is the one the infrastructure runs, in every class. */
  static void sameBrokerEverywhere(String bootstrapServers) {
    assertEquals(TollgateInfrastructure.kafka().bootstrapServers(), bootstrapServers);
    same("tollgate.test.observed.kafka", bootstrapServers);
  }

  /**
   * Compared with the first class that recorded one: in a module run, whichever of the two classes
   * sharing an application runs second asserts it.
   */
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
