package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A problem's {@code instance} is a URI reference (RFC 9457 3.1.5), whatever path it names. */
class ProblemTest {

  @Test
  void anInstanceIsAValidUriReferenceForAnyPath() {
    assertEquals("/api/v1/projects", Problem.instance("/api/v1/projects").toString());
    // decoded characters a URI cannot hold are encoded again
    assertEquals(
        "/api/v1/projects/%7Bid%7D/a%20b/100%25",
        Problem.instance("/api/v1/projects/{id}/a b/100%").toString());
    // and so are characters outside ASCII: a fullwidth digit in an id, an umlaut
    assertEquals(
        "/api/v1/projects/%EF%BC%91/K%C3%BCche",
        Problem.instance("/api/v1/projects/\uFF11/K\u00FCche").toString());
    assertNull(Problem.instance(null));
  }
}
