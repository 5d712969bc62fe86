package io.tollgate.gateway.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What a client is told when the API key store fails: only a store that cannot be reached is a 503
 * worth retrying; a refused value is the request's (400), a constraint a conflict (409), and
 * anything else the gateway's own (a 500, logged).
 */
class ApiKeyStoreFailuresTest {

  @Test
  void aStoreThatCannotBeReachedIsUnavailable() {
    for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03"}) {
      assertEquals(Kind.UNAVAILABLE, ApiKeyService.classify(new SQLException("x", state)), state);
    }
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.classify(new SQLException("too many clients already", "53300")));
    // Agroal's pool, which sets no SQLState
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.classify(
            new SQLException(
                "Acquisition timeout while waiting for new connection", new TimeoutException())));
    // Agroal's pool when every connection stays in use past the acquisition timeout
    assertEquals(
        Kind.UNAVAILABLE, ApiKeyService.classify(new SQLException("Sorry, acquisition timeout!")));
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.problemFor(new SQLException("Sorry, acquisition timeout!")).kind());
    // ALTER DATABASE gateway ALLOW_CONNECTIONS false
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.classify(
            new SQLException(
                "FATAL: database \"gateway\" is not currently accepting connections", "55000")));
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.classify(new SQLTransientConnectionException("no connection")));
    // the state of a failure wrapped in one without
    assertEquals(
        Kind.UNAVAILABLE,
        ApiKeyService.classify(
            new SQLException("not ready", new SQLException("terminating connection", "57P01"))));

    ProblemException problem = ApiKeyService.problemFor(new SQLException("refused", "08001"));
    assertEquals(Kind.UNAVAILABLE, problem.kind());
    assertEquals(Map.of("Retry-After", "5"), problem.headers());
  }

  @Test
  void aValueTheStoreRefusesIsTheRequests() {
    // 22001: string data right truncation; 22P02: invalid text representation
    for (String state : new String[] {"22001", "22P02", "22021"}) {
      assertEquals(Kind.BAD_REQUEST, ApiKeyService.classify(new SQLException("x", state)), state);
    }
    ProblemException problem = ApiKeyService.problemFor(new SQLException("too long", "22001"));
    assertEquals(Kind.BAD_REQUEST, problem.kind());
    assertEquals(Map.of(), problem.headers());
  }

  @Test
  void aConstraintIsAConflict() {
    // 23505: unique violation; 23503: foreign key violation
    for (String state : new String[] {"23505", "23503", "23514"}) {
      assertEquals(Kind.CONFLICT, ApiKeyService.classify(new SQLException("x", state)), state);
    }
    assertEquals(Kind.CONFLICT, ApiKeyService.problemFor(new SQLException("dup", "23505")).kind());
  }

  @Test
  void anythingElseIsTheGatewaysOwn() {
    // 42P01: no such table; 42501: no privilege; 28P01: wrong password; 40001: serialization
    for (String state : new String[] {"42P01", "42501", "28P01", "40001", "XX000"}) {
      assertEquals(Kind.INTERNAL, ApiKeyService.classify(new SQLException("x", state)), state);
      assertNull(ApiKeyService.problemFor(new SQLException("x", state)), state);
    }
    assertEquals(Kind.INTERNAL, ApiKeyService.classify(new SQLException("no state")));
    // 55000 for anything but a database refusing connections is not about reaching the store
    assertEquals(
        Kind.INTERNAL,
        ApiKeyService.classify(
            new SQLException("cannot execute LOCK TABLE during recovery", "55000")));
  }
}
