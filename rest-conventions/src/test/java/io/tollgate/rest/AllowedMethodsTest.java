package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The path templates behind a 405's {@code Allow} header (pure logic, no Quarkus). */
class AllowedMethodsTest {

  @Test
  void aVariableMatchesOneSegment() {
    Pattern pattern = AllowedMethods.pattern("/api/v1/projects" + "/" + "{id}");
    assertTrue(pattern.matcher("/api/v1/projects/7eda4dce").matches());
    assertFalse(pattern.matcher("/api/v1/projects/7eda4dce/history").matches());
    assertFalse(pattern.matcher("/api/v1/projects").matches());
  }

  @Test
  void aVariableWithARegularExpressionKeepsItsBraces() {
    Pattern pattern = AllowedMethods.pattern("/reports/{year: [0-9]{4}}/summary");
    assertTrue(pattern.matcher("/reports/2026/summary").matches());
    assertFalse(pattern.matcher("/reports/26/summary").matches());
  }

  @Test
  void classAndMethodPathsJoinWithoutDoubleOrTrailingSlashes() {
    Pattern pattern = AllowedMethods.pattern("/api/v1/portfolio/" + "/");
    assertTrue(pattern.matcher("/api/v1/portfolio").matches());
    assertTrue(AllowedMethods.pattern("/a/" + "/b").matcher("/a/b").matches());
    // literal characters are not read as regular expressions
    assertFalse(AllowedMethods.pattern("/a.b").matcher("/axb").matches());
  }
}
