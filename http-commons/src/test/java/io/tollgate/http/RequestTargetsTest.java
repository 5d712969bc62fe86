package io.tollgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"/a/%zz", "/a/%", "/a/%4", "/a/%4/b", "/a/%+1", "/a/%-1", "/a/%\uff10\uff10"})
  void invalidPercentEncodingsAreDetected(String path) {
    assertEquals(
        "The request target is not a valid URI: malformed escape pair at index 3:"
            + " '%' must be followed by two hexadecimal digits",
        RequestTargets.invalid(path));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " -> ",
      quoteCharacter = '"',
      value = {
        "/p?q=a|b -> illegal character in query at index 6: '|' must be percent-encoded as %7C",
        "/p/{id} -> illegal character in path at index 3: '{' must be percent-encoded as %7B",
        "/p?q=a^b -> illegal character in query at index 6: '^' must be percent-encoded as %5E",
        "/p?q=a`b -> illegal character in query at index 6: '`' must be percent-encoded as %60"
      })
  void charactersAUriCannotHoldAreNamedWithTheirEncoding(String target, String why) {
    assertEquals("The request target is not a valid URI: " + why, RequestTargets.invalid(target));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/a/b", "/a/%20b", "/a/%2e%2E", "/a/%C0%AF", "/a/%41%42", "/a?b=%7C&c=[1]"})
  void wellFormedTargetsPass(String target) {
    assertNull(RequestTargets.invalid(target));
  }
}
