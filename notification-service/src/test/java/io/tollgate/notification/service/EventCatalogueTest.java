package io.tollgate.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the producers' contracts: read from the sibling modules' AsyncAPI documents, so
 * that a type added, renamed or described anew there fails here until the catalogue follows;
 * notification-service's own (notification.events) are not in it: the fan-out does not read them.
 */
class EventCatalogueTest {

  private static final Map<String, String> CONTRACTS =
      Map.of(
          "project-service", "../project-service",
          "milestone-service", "../milestone-service",
          "risk-service", "../risk-service");

  private static final String ASYNCAPI =
      "src/main/resources/META-INF/resources/asyncapi/asyncapi.yaml";

  /** type -> "producer: summary" of every message the contracts declare. */
  private static Map<String, String> published() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, String> types = new TreeMap<>();
    for (Map.Entry<String, String> contract : CONTRACTS.entrySet()) {
      Path file = Path.of(contract.getValue(), ASYNCAPI);
      assertTrue(
          Files.exists(file), file + " is where " + contract.getKey() + " keeps its contract");
      JsonNode messages = yaml.readTree(file.toFile()).path("components").path("messages");
      assertFalse(messages.isEmpty(), file + " declares messages");
      messages.forEach(
          m ->
              types.put(
                  m.path("name").asText(), contract.getKey() + ": " + m.path("summary").asText()));
    }
    return types;
  }

  @Test
  void theCatalogueIsWhatTheProducersContractsPublish() throws Exception {
    Map<String, String> published = published();
    Map<String, String> catalogue =
        EventCatalogue.ALL.stream()
            .collect(
                Collectors.toMap(
                    EventCatalogue.EventType::type,
                    t -> t.producer() + ": " + t.description(),
                    (a, b) -> a,
                    TreeMap::new));
    assertEquals(published, catalogue);
  }

  @Test
  void notificationServicesOwnEventsAreNotInTheCatalogue() {
    // the fan-out does not read notification.events: a subscription to them would never be sent
    assertFalse(EventCatalogue.known("tollgate.notification.delivery-dead-lettered.v1"));
    assertFalse(EventCatalogue.known("tollgate.notification.*"));
    assertTrue(EventCatalogue.own("tollgate.notification.*"));
    assertTrue(EventCatalogue.own("tollgate.notification.delivery-dead-lettered.v1"));
    assertFalse(EventCatalogue.own("tollgate.risk.*"));
    assertEquals(
        EventCatalogue.ALL.size(),
        EventCatalogue.ALL.stream().map(EventCatalogue.EventType::type).distinct().count());
  }

  @Test
  void familiesAndTypesMatch() {
    assertEquals(
        List.of("tollgate.project.*", "tollgate.milestone.*", "tollgate.risk.*"),
        List.copyOf(EventCatalogue.FAMILIES));
    assertTrue(EventCatalogue.known("tollgate.risk.*"));
    assertFalse(EventCatalogue.known("tollgate.*"));
    assertFalse(EventCatalogue.known("tollgate.risk.assessed.v2"));
    assertTrue(EventCatalogue.matches("tollgate.risk.*", "tollgate.risk.closed.v1"));
    assertFalse(EventCatalogue.matches("tollgate.risk.*", "tollgate.riskier.closed.v1"));
    assertTrue(EventCatalogue.matchesAny(List.of(), "tollgate.risk.closed.v1"));
    assertFalse(
        EventCatalogue.matchesAny(List.of("tollgate.project.*"), "tollgate.risk.closed.v1"));
  }
}
