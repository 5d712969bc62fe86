package io.tollgate.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.runtime.KafkaBroker;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A test profile restarts Quarkus, in new class loaders; the servers must stay the same. */
@QuarkusTest
@TestProfile(RestartedQuarkusTest.OtherProfile.class)
class RestartedQuarkusTest {

  public static class OtherProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tollgate.test.profile", "other");
    }
  }

  @Inject ApplicationInstance instance;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @Test
  void reusesTheServersOfTheFirstApplication() {
    Observations.sameBrokerEverywhere(kafka);
  }

  @Test
  void canStopAndStartTheBrokerFromAnyApplication() throws Exception {
    KafkaBroker broker = TollgateInfrastructure.kafka();
    broker.stop();
    assertTrue(!broker.isRunning());
    broker.start();
    assertTrue(broker.isRunning());
    assertEquals(kafka, broker.bootstrapServers());
  }
}
