package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The If-Match rule of every update (pure logic, no Quarkus). */
class PreconditionsTest {

  @Test
  void theCurrentStrongTagOrAStarMatches() {
    assertDoesNotThrow(() -> Preconditions.requireIfMatch("\"3\"", 3));
    assertDoesNotThrow(() -> Preconditions.requireIfMatch("\"2\", \"3\"", 3));
    assertDoesNotThrow(() -> Preconditions.requireIfMatch("*", 3));
  }

  @Test
  void anotherVersionIs412() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> Preconditions.requireIfMatch("\"2\"", 3));
    assertEquals(ProblemType.PRECONDITION_FAILED, e.type());
    assertTrue(e.getMessage().contains("does not match the current version \"3\""));
  }

  /** RFC 9110 13.1.1: If-Match uses the strong comparison, so W/"3" is not "3". */
  @Test
  void aWeakTagNeverMatchesAndTheAnswerSaysWhy() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> Preconditions.requireIfMatch("W/\"3\"", 3));
    assertEquals(ProblemType.PRECONDITION_FAILED, e.type());
    assertTrue(e.getMessage().contains("weak"), e.getMessage());
    assertDoesNotThrow(() -> Preconditions.requireIfMatch("W/\"3\", \"3\"", 3));
  }

  @Test
  void noTagIs428() {
    for (String missing : new String[] {null, "", "  "}) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> Preconditions.requireIfMatch(missing, 3));
      assertEquals(ProblemType.PRECONDITION_REQUIRED, e.type());
    }
  }
}
