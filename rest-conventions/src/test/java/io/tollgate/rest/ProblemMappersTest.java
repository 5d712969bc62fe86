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

  private final ProblemMappers mappers = new ProblemMappers(null);

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

  private static ConstraintViolationException violation(ConstraintKind kind, String name) {
    return new ConstraintViolationException("refused", new SQLException("refused"), kind, name);
  }
}
