package io.tollgate.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Declares nothing: the GLOBAL resource of {@link QuarkusApplicationTest} applies here too. */
@QuarkusTest
class SecondQuarkusTest {

  @Inject ApplicationInstance instance;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @Test
  void getsTheSameConfiguration() {
    assertEquals(TollgateInfrastructure.jdbcUrl("sample"), jdbcUrl);
    Observations.sameBrokerEverywhere(kafka);
  }

  @Test
  void runsInTheSameQuarkusApplication() {
    Observations.sameApplicationEverywhere(instance.id());
  }
}
