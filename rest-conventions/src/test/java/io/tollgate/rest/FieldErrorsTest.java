package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a body Jackson cannot read is worded for the client (the mapper alone, no Quarkus). */
class FieldErrorsTest {

  record Amount(String amount, String currency) {}

  record Form(String name, Amount budget, List<String> ids) {}

  private final ObjectMapper mapper = new ObjectMapper();

  /** Jackson's own words quoted its internals: "[Source: REDACTED (`StreamReadFeature...`". */
  @Test
  void brokenJsonIsSaidPlainlyWithWhereItIs() {
    assertEquals(
        "the request body ends before the object that begins at line 1, column 1 is closed",
        malformed("{\"name\":\"ct\""));
    assertEquals(
        "the request body ends before the array that begins at line 1, column 8 is closed",
        malformed("{\"ids\":[\"a\""));
    assertEquals(
        "the request body is not valid JSON at line 1, column 11: unexpected character '}': was"
            + " expecting double-quote to start field name",
        malformed("{\"name\":1,}"));
    assertEquals(
        "the request body is not valid JSON at line 2, column 9: unrecognized token 'nope': was"
            + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        malformed("{\n\"name\": nope}"));
  }

  /** "has the wrong type" left a client guessing what the field takes. */
  @Test
  void aValueOfTheWrongTypeSaysWhatTheFieldTakes() {
    assertEquals(
        "budget: must be a JSON object with amount and currency, not text",
        violation("{\"budget\":\"5 EUR\"}"));
    assertEquals("ids: must be a JSON array, not an object", violation("{\"ids\":{}}"));
    assertEquals(
        "name: must be text (a JSON string), not an array", violation("{\"name\":[\"x\"]}"));
  }

  private String malformed(String json) {
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Form.class));
    assertEquals(
        "no violation", FieldErrors.violationOf(e).map(Object::toString).orElse("no violation"));
    return FieldErrors.malformed(e);
  }

  private String violation(String json) {
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Form.class));
    return FieldErrors.violationOf(e)
        .map(v -> v.field() + ": " + v.message())
        .orElse("no violation: " + e.getOriginalMessage());
  }
}
