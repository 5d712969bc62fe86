package io.tollgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.Identity.AccessScope;
import io.vertx.core.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final String P1 = "0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11";
  private static final String P2 = "7c1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b";

  private final Identity readOnlyP1 =
      new Identity("i", Set.of("MEMBER"), "k", AccessScope.READ_ONLY, Set.of(P1), 0);
  private final Identity user = new Identity("u", Set.of("MEMBER"), null, null, null, 0);

  @Test
  void readOnlyCredentialsOnlyRead() {
    assertDoesNotThrow(() -> AccessPolicy.check(readOnlyP1, HttpMethod.GET, "/api/v1/risks"));
    assertDoesNotThrow(() -> AccessPolicy.check(readOnlyP1, HttpMethod.HEAD, "/api/v1/risks"));
    for (HttpMethod write :
        new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
      ProblemException e =
          assertThrows(
              ProblemException.class, () -> AccessPolicy.check(readOnlyP1, write, "/api/v1/risks"));
      assertEquals(Kind.FORBIDDEN, e.kind());
    }
  }

  @Test
  void projectLimitedCredentialsSeeOnlyTheirProjects() {
    assertDoesNotThrow(
        () -> AccessPolicy.check(readOnlyP1, HttpMethod.GET, "/api/v1/projects/" + P1));
    assertDoesNotThrow(
        () ->
            AccessPolicy.check(
                readOnlyP1, HttpMethod.GET, "/api/v1/projects/" + P1.toUpperCase() + "/risks"));
    assertDoesNotThrow(() -> AccessPolicy.check(readOnlyP1, HttpMethod.GET, "/api/v1/projects"));
    for (String path :
        new String[] {
          "/api/v1/projects/" + P2, "/api/v1/projects/" + P2 + "/milestones", "/api/v1/projects/x"
        }) {
      ProblemException e =
          assertThrows(
              ProblemException.class, () -> AccessPolicy.check(readOnlyP1, HttpMethod.GET, path));
      assertEquals(Kind.NOT_FOUND, e.kind(), path);
    }
    // out of scope wins over read-only: the project's existence is not revealed
    assertEquals(
        Kind.NOT_FOUND,
        assertThrows(
                ProblemException.class,
                () -> AccessPolicy.check(readOnlyP1, HttpMethod.POST, "/api/v1/projects/" + P2))
            .kind());
  }

  @Test
  void unlimitedCredentialsPass() {
    assertDoesNotThrow(() -> AccessPolicy.check(user, HttpMethod.DELETE, "/api/v1/projects/" + P2));
  }
}
