package io.tollgate.gateway.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TollgateInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway creates its own database when the server does not have it (the launcher's case) and
 * migrates it once.
 */
@QuarkusTest
class ApiKeyDatabaseTest {

  @Test
  void aMissingDatabaseIsCreatedOnceAndThenUsed() throws Exception {
    String existing = TollgateInfrastructure.jdbcUrl("gateway");
    String base = existing.substring(0, existing.lastIndexOf('/'));
    String user = TollgateInfrastructure.postgresUsername();
    String password = TollgateInfrastructure.postgresPassword();
    String url = base + "/gateway_" + UUID.randomUUID().toString().replace("-", "");

    assertTrue(ApiKeyDatabase.createIfMissing(url, user, password), "created");
    assertFalse(ApiKeyDatabase.createIfMissing(url, user, password), "already there");
    assertFalse(ApiKeyDatabase.createIfMissing(existing, user, password), "the test database");

    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    try (Connection connection = new org.postgresql.Driver().connect(url, credentials)) {
      assertEquals(ApiKeyDatabase.MIGRATIONS.size(), ApiKeyDatabase.migrate(connection));
      assertEquals(0, ApiKeyDatabase.migrate(connection), "each migration applies once");
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery(
                  "SELECT count(*) FROM api_key UNION ALL SELECT max(version) FROM gateway_schema_version")) {
        rows.next();
        assertEquals(0, rows.getInt(1));
        rows.next();
        assertEquals(ApiKeyDatabase.MIGRATIONS.size(), rows.getInt(1));
      }
    }
  }
}
