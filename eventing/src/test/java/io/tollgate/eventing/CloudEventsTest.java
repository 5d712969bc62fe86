package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which record values are refused as unreadable (set aside at once, never tried again). */
class CloudEventsTest {

  private final CloudEvents cloudEvents = new CloudEvents(new ObjectMapper());

  @Test
  void aRecordWithoutAValueIsMalformed() {
    CloudEvents.MalformedEventException e =
        assertThrows(CloudEvents.MalformedEventException.class, () -> cloudEvents.parse(null));
    assertTrue(e.getMessage().contains("no value"), e.getMessage());
  }

  @Test
  void aBlankValueIsMalformed() {
    for (String blank : new String[] {"", " ", "\n\t "}) {
      assertThrows(
          CloudEvents.MalformedEventException.class, () -> cloudEvents.parse(blank), "'" + blank);
    }
  }

  @Test
  void theJsonLiteralNullIsMalformed() {
    assertThrows(CloudEvents.MalformedEventException.class, () -> cloudEvents.parse("null"));
  }

  @Test
  void anEnvelopeWithAnIdAndATypeIsRead() {
    CloudEvent event =
        cloudEvents.parse("{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"tollgate.x.v1\"}");
    assertEquals("e1", event.id());
    assertEquals("tollgate.x.v1", event.type());
  }

  /** A reader that needs data and finds none is handed a malformed event, not a null. */
  @Test
  void anEventWithoutDataIsMalformedForAReaderOfItsData() {
    for (String data : new String[] {"", ",\"data\":null"}) {
      CloudEvent event =
          cloudEvents.parse(
              "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"tollgate.x.v1\"" + data + "}");
      CloudEvents.MalformedEventException e =
          assertThrows(
              CloudEvents.MalformedEventException.class,
              () -> cloudEvents.data(event, java.util.Map.class),
              data);
      assertTrue(e.getMessage().contains("has no data"), e.getMessage());
    }
    CloudEvent withData =
        cloudEvents.parse(
            "{\"specversion\":\"1.0\",\"id\":\"e2\",\"type\":\"tollgate.x.v1\","
                + "\"data\":{\"a\":1}}");
    assertEquals(1, cloudEvents.data(withData, java.util.Map.class).get("a"));
  }
}
