package io.tollgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadsTest {

  private static final List<Map.Entry<String, String>> SMALL =
      List.of(Map.entry("Host", "localhost"), Map.entry("Accept", "application/json"));

  @Test
  void aTargetUpToTheLimitIsTaken() {
    String target = "/p?text=" + "a".repeat(RequestHeads.MAX_TARGET_LENGTH - 8);
    assertEquals(RequestHeads.MAX_TARGET_LENGTH, target.length());
    assertNull(RequestHeads.refusal(target, SMALL, 1_000));
  }

  @Test
  void aLongerTargetIsA414ThatGivesBothLengths() {
    String target = "/p?text=" + "a".repeat(RequestHeads.MAX_TARGET_LENGTH - 7);
    assertEquals(
        new RequestHeads.Refusal(
            414,
            "The request target (path and query) is 8,193 characters long; at most 8,192 are"
                + " accepted"),
        RequestHeads.refusal(target, SMALL, 1_000));
  }

  @Test
  void headerFieldsAreCountedAsOnTheWireAndTheLargestIsNamed() {
    // "Host: localhost\r\n" is 17 bytes, "Cookie: " + 80 x + "\r\n" is 90
    List<Map.Entry<String, String>> headers =
        List.of(Map.entry("Host", "localhost"), Map.entry("Cookie", "x".repeat(80)));
    assertNull(RequestHeads.refusal("/p", headers, 107));
    assertEquals(
        new RequestHeads.Refusal(
            431,
            "The request's header fields take 107 bytes; at most 106 are accepted (the largest,"
                + " Cookie, takes 90)"),
        RequestHeads.refusal("/p", headers, 106));
  }

  @Test
  void aTargetThatIsNotAUriIsA400WithItsReason() {
    assertEquals(
        new RequestHeads.Refusal(400, RequestTargets.invalid("/p?q=a|b")),
        RequestHeads.refusal("/p?q=a|b", SMALL, 1_000));
  }
}
