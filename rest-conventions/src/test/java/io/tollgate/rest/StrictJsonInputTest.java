package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** What the API's JSON reader refuses, and how it names it (the mapper alone, no Quarkus). */
class StrictJsonInputTest {

  @Schema(name = "Form")
  record Form(
      LocalDate date,
      Integer count,
      int score,
      BigDecimal target,
      @Schema(type = SchemaType.STRING, pattern = "^[0-9]+(\\.[0-9]+)?$") BigDecimal amount,
      Boolean flag) {}

  /** Data of an event: not in the OpenAPI document, read as its producer writes it. */
  record EventData(Integer bufferDays, BigDecimal plannedValue) {}

  private final ObjectMapper mapper = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    new StrictJsonInput().customize(mapper);
    return mapper;
  }

  /** A date-time, or a date with spaces around it, was read as the date, dropping the rest. */
  @Test
  void aDateIsADateAndNothingElse() throws Exception {
    assertEquals(LocalDate.of(2026, 1, 5), read("{\"date\":\"2026-01-05\"}").date());
    for (String notADate :
        new String[] {
          "2026-01-05T23:30:00",
          "2026-01-05T00:00:00Z",
          "2026-01-05T10:00:00+02:00",
          " 2026-01-05",
          "2026-01-05 ",
          "20260105"
        }) {
      assertEquals(
          "date: must be a valid date (YYYY-MM-DD)",
          refused("{\"date\":\"" + notADate + "\"}"),
          notADate);
    }
  }

  /** Jackson parses numbers and booleans out of text; the document types these as JSON ones. */
  @Test
  void aNumberOrABooleanIsNotReadFromText() throws Exception {
    Form form = read("{\"count\":3,\"score\":4,\"target\":99.9,\"flag\":true}");
    assertEquals(3, form.count());
    assertEquals(4, form.score());
    assertEquals(new BigDecimal("99.9"), form.target());
    for (String text : new String[] {"\"3\"", "\" 3 \"", "\"+3\""}) {
      assertEquals(
          "count: must be a whole number (a JSON number), not text",
          refused("{\"count\":" + text + "}"),
          text);
      assertEquals(
          "score: must be a whole number (a JSON number), not text",
          refused("{\"score\":" + text + "}"),
          text);
    }
    assertEquals(
        "target: must be a number (a JSON number), not text", refused("{\"target\":\"99.9\"}"));
    assertEquals(
        "flag: must be true or false (a JSON boolean), not text", refused("{\"flag\":\"true\"}"));
  }

  /** An amount documented as text is a plain decimal: no exponent, + sign or spaces in it. */
  @Test
  void aDecimalDocumentedAsTextIsPlainDecimalText() throws Exception {
    assertEquals(new BigDecimal("250000.50"), read("{\"amount\":\"250000.50\"}").amount());
    assertEquals(new BigDecimal("12.5"), read("{\"amount\":12.5}").amount());
    // a sign is read, for the field's own rules to refuse by its value
    assertEquals(new BigDecimal("-5"), read("{\"amount\":\"-5\"}").amount());
    for (String bad : new String[] {"1E+2", " 5 ", "+5", "5.", ".5", "5,00", "0x10", ""}) {
      assertEquals(
          "amount: must be a decimal such as \"250000.00\": digits, and a point with more digits"
              + " (no exponent, + sign or spaces)",
          refused("{\"amount\":\"" + bad + "\"}"),
          bad);
    }
  }

  /** Events keep Jackson's reading: their contracts write decimals as text. */
  @Test
  void typesOutsideTheApiDocumentAreReadAsBefore() throws Exception {
    EventData data =
        mapper.readValue("{\"bufferDays\":\"3\",\"plannedValue\":\"25000.00\"}", EventData.class);
    assertEquals(3, data.bufferDays());
    assertEquals(new BigDecimal("25000.00"), data.plannedValue());
  }

  private Form read(String json) throws JsonProcessingException {
    return mapper.readValue(json, Form.class);
  }

  private String refused(String json) {
    JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> read(json));
    return FieldErrors.violationOf(e)
        .map(v -> v.field() + ": " + v.message())
        .orElse("no violation: " + e.getOriginalMessage());
  }
}
