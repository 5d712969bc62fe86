package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

  private static final String SCHEMA = "schemas/sample-event.v1.json";

  @Test
  void acceptsADocumentThatMatchesIncludingReferencedSchemas() {
    JsonSchemas.assertValid(
        SCHEMA,
        """
        {"id": "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f", "time": "2026-01-31T10:15:30Z",
         "data": {"amount": 12.5, "currency": "EUR"}}
        """);
  }

  @Test
  void listsEveryViolationInTheAssertionMessage() {
    String json =
        """
        {"id": "not-a-uuid", "time": "yesterday", "data": {"amount": -1, "currency": "euro"},
         "extra": true}
        """;

    AssertionError error =
        assertThrows(AssertionError.class, () -> JsonSchemas.assertValid(SCHEMA, json));

    List<String> violations = JsonSchemas.violations(SCHEMA, json);
    assertEquals(5, violations.size(), String.join("\n", violations));
    for (String violation : violations) {
      assertTrue(error.getMessage().contains(violation), error.getMessage());
    }
    assertTrue(
        error.getMessage().startsWith("JSON does not match schema " + SCHEMA), error.getMessage());
  }

  @Test
  void reportsAMissingSchemaByName() {
    AssertionError error =
        assertThrows(
            AssertionError.class, () -> JsonSchemas.assertValid("schemas/nope.json", "{}"));

    assertEquals("schema schemas/nope.json is not on the class path", error.getMessage());
  }

  @Test
  void reportsInputThatIsNotJson() {
    List<String> violations = JsonSchemas.violations(SCHEMA, "{not json");

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).startsWith("not JSON"), violations.toString());
  }

  @Test
  void namesEveryFieldNoApplyingSchemaDeclaresThroughReferencesCompositionAndArrays() {
    String json =
        """
        {"lines": [{"sku": "a"}, {"sku": "b", "qty": 2}],
         "data": {"amount": 1, "currency": "EUR", "note": "x", "rate": 2},
         "labels": {"anything": "goes"}, "extra": 1}
        """;

    assertEquals(
        List.of("$.lines[1].qty", "$.data.rate", "$.extra"),
        JsonSchemas.undocumented("schemas/composed-event.v1.json", json));
    assertEquals(
        List.of(),
        JsonSchemas.undocumented(
            "schemas/composed-event.v1.json",
            """
            {"lines": [{"sku": "a"}], "data": {"amount": 1, "currency": "EUR", "note": "x"},
             "labels": {"anything": "goes"}}
            """));
  }

  @Test
  void conformingMeansValidAndNothingUndocumented() {
    String valid =
        """
        {"id": "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f", "time": "2026-01-31T10:15:30Z",
         "data": {"amount": 12.5, "currency": "EUR"}}
        """;
    JsonSchemas.assertConforms(SCHEMA, valid);

    // valid (money.json leaves other fields open) but not documented
    String renamed = valid.replace("\"currency\"", "\"currencyCode\": \"EUR\", \"currency\"");
    JsonSchemas.assertValid(SCHEMA, renamed);
    AssertionError error =
        assertThrows(AssertionError.class, () -> JsonSchemas.assertConforms(SCHEMA, renamed));
    assertTrue(error.getMessage().contains("$.data.currencyCode"), error.getMessage());
  }
}
