package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.Test;

/** How a constraint the database enforced becomes a problem (the mapping alone, no Quarkus). */
class ProblemMappersTest {

  private final ProblemMappers mappers = new ProblemMappers(null, null, null, null);

  @Test
  void aUniqueOrForeignKeyIsAConflict() {
    for (ConstraintKind kind :
        new ConstraintKind[] {ConstraintKind.UNIQUE, ConstraintKind.FOREIGN_KEY}) {
      Response response = mappers.constraint(violation(kind, "project_key_key"), null);
      assertEquals(409, response.getStatus(), kind.name());
      assertEquals(ProblemType.CONFLICT.uri(), ((Problem) response.getEntity()).type());
    }
  }

  /** A check the request broke is the request's fault: it was a 409 "conflict" before. */
  @Test
  void aCheckOrNotNullIsTheRequestsFault() {
    for (ConstraintKind kind :
        new ConstraintKind[] {ConstraintKind.CHECK, ConstraintKind.NOT_NULL}) {
      Response response = mappers.constraint(violation(kind, "cost_entry_amount_check"), null);
      assertEquals(400, response.getStatus(), kind.name());
      Problem problem = (Problem) response.getEntity();
      assertEquals(ProblemType.VALIDATION.uri(), problem.type());
      assertTrue(problem.detail().contains("cost_entry_amount_check"), problem.detail());
    }
  }

  @Test
  void postgresqlsCheckCodeCountsWhenTheDialectDidNotClassifyIt() {
    var unclassified =
        new ConstraintViolationException(
            "refused", new SQLException("refused", "23514"), ConstraintKind.OTHER, "x_check");
    assertEquals(400, mappers.constraint(unclassified, null).getStatus());
  }

  /**
   * A database that cannot be reached (a cut connection, a full pool) is not the request's fault:
   * 503 with Retry-After, which clients retry and the gateway's circuit breaker counts, not a 500.
   */
  @Test
  void anUnreachableDatabaseIsA503WithRetryAfter() {
    var cut =
        new jakarta.persistence.PersistenceException(
            new org.hibernate.exception.JDBCConnectionException(
                "refused", new SQLException("This connection has been closed.", "08003")));
    Response response = mappers.unexpected(cut, null);
    assertEquals(503, response.getStatus());
    assertEquals(ProblemType.UNAVAILABLE.uri(), ((Problem) response.getEntity()).type());
    assertEquals("5", String.valueOf(response.getHeaders().getFirst("Retry-After")));
    var poolFull =
        new RuntimeException(new SQLException("Sorry, acquisition timeout!", (String) null));
    assertEquals(503, mappers.unexpected(poolFull, null).getStatus());
    assertEquals(500, mappers.unexpected(new IllegalStateException("a bug"), null).getStatus());
  }

  /**
   * A change that lost to concurrent work on its rows (a lock timeout, a deadlock, a serialization
   * failure) is a 409 of its own type with Retry-After: the state of the data, not a failing
   * service, which a 503 would tell the gateway's circuit breaker.
   */
  @Test
  void lostToConcurrentWorkIsAContended409WithRetryAfter() {
    for (String state : new String[] {"55P03", "40P01", "40001"}) {
      var lost =
          new jakarta.persistence.PersistenceException(
              new RuntimeException(new SQLException("canceling statement", state)));
      Response response = mappers.unexpected(lost, null);
      assertEquals(409, response.getStatus(), state);
      Problem problem = (Problem) response.getEntity();
      assertEquals(ProblemType.CONTENDED.uri(), problem.type(), state);
      assertEquals(409, problem.status(), state);
      assertEquals("5", String.valueOf(response.getHeaders().getFirst("Retry-After")), state);
    }
    // a bare 409 from a framework stays a plain conflict
    assertEquals(ProblemType.CONFLICT, ProblemType.forStatus(409));
  }

  private static ConstraintViolationException violation(ConstraintKind kind, String name) {
    return new ConstraintViolationException("refused", new SQLException("refused"), kind, name);
  }
}
