package io.tollgate.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Declares the infrastructure for every Quarkus test of the module, as a service would. */
@QuarkusTest
@WithTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "sample"),
    scope = TestResourceScope.GLOBAL)
class QuarkusApplicationTest {

  @Inject AgroalDataSource dataSource;

  @Inject ApplicationInstance instance;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @Test
  void theDatasourcePointsAtTheRequestedDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT current_database()")) {
      rows.next();
      assertEquals("sample", rows.getString(1));
    }
  }

  @Test
  void kafkaIsTheSharedBroker() {
    assertEquals(TollgateInfrastructure.kafkaBootstrapServers(), kafka);
    Observations.sameBrokerEverywhere(kafka);
  }

  @Test
  void sharesItsQuarkusStartWithTheOtherUnprofiledTestClass() {
    Observations.sameApplicationEverywhere(instance.id());
  }
}
