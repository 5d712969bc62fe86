package io.tollgate.gateway.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.Identity.AccessScope;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The create request's validation, without HTTP. */
class ApiKeyRequestTest {

  @Test
  void aCompleteRequestIsNormalised() {
    ApiKeyService.NewKey key =
        ApiKeyRoutes.parse(
            Buffer.buffer(
                "{\"name\":\" ci \",\"scope\":\"READ_WRITE\",\"ownerId\":\"svc-ci\","
                    + "\"projectIds\":[\"0B7E1C5E-6A0E-4F0E-9F5E-2F0D8F0B1A11\","
                    + "\"0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11\"]}"));
    assertEquals("ci", key.name());
    assertEquals(AccessScope.READ_WRITE, key.scope());
    assertEquals("svc-ci", key.ownerId());
    assertEquals(List.of("0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11"), key.projectIds());
  }

  @Test
  void withoutProjectsAKeyIsUnrestricted() {
    ApiKeyService.NewKey key =
        ApiKeyRoutes.parse(
            Buffer.buffer(
                "{\"name\":\"n\",\"scope\":\"READ_ONLY\",\"ownerId\":\"o\",\"projectIds\":null}"));
    assertNull(key.projectIds());
  }

  @Test
  void problemsNameEveryField() {
    ProblemException e =
        refused(
            "{\"name\":\""
                + "n".repeat(101)
                + "\",\"scope\":7,\"ownerId\":\"a\\nb\","
                + "\"projectIds\":\"all\"}");
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertEquals(4, e.violations().size());
  }

  @Test
  void textThatIsNotUnicodeIsRefusedRatherThanStoredAsQuestionMarks() {
    // "\ud800" alone is half of a surrogate pair; the driver would have stored "k?"
    ProblemException e =
        refused("{\"name\":\"k\\ud800\",\"scope\":\"READ_ONLY\",\"ownerId\":\"o\"}");
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertEquals(1, e.violations().size());
    // a character outside the Basic Multilingual Plane is a valid pair
    assertEquals(
        "k\ud83d\ude00",
        ApiKeyRoutes.parse(
                Buffer.buffer(
                    "{\"name\":\"k\\ud83d\\ude00\",\"scope\":\"READ_ONLY\",\"ownerId\":\"o\"}"))
            .name());
  }

  /**
   * The services store user ids in 200 characters: a key acting as a longer one could not write.
   */
  @Test
  void anOwnerIdIsAtMost200Characters() {
    String longest = "o".repeat(200);
    assertEquals(
        longest,
        ApiKeyRoutes.parse(
                Buffer.buffer(
                    "{\"name\":\"n\",\"scope\":\"READ_ONLY\",\"ownerId\":\"" + longest + "\"}"))
            .ownerId());
    ProblemException e =
        refused("{\"name\":\"n\",\"scope\":\"READ_ONLY\",\"ownerId\":\"" + "o".repeat(201) + "\"}");
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertEquals(1, e.violations().size());
    assertEquals("ownerId", e.violations().getJsonObject(0).getString("field"));
    assertEquals(
        "must be at most 200 characters of Unicode text, without control characters",
        e.violations().getJsonObject(0).getString("message"));
  }

  @Test
  void aNameGivenTwiceIsRefusedRatherThanReadAsTheLastOne() {
    ProblemException e =
        refused(
            "{\"name\":\"k\",\"scope\":\"READ_ONLY\",\"scope\":\"READ_WRITE\",\"ownerId\":\"o\"}");
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertEquals("scope", e.violations().getJsonObject(0).getString("field"));
    assertEquals("appears more than once", e.violations().getJsonObject(0).getString("message"));
  }

  @Test
  void notAnObjectIsMalformed() {
    for (String body : new String[] {"", "[]", "\"x\"", "{"}) {
      assertEquals(Kind.MALFORMED_BODY, refused(body).kind(), body);
    }
  }

  /** The problem {@code body} is refused with. */
  private static ProblemException refused(String body) {
    return assertThrows(ProblemException.class, () -> ApiKeyRoutes.parse(Buffer.buffer(body)));
  }
}
