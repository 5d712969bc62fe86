package io.tollgate.project;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.JsonSchemas;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * Plays milestone-service and risk-service: builds their events, checks each against the schema the
 * producer ships (so the contract itself is tested) and publishes it on the real broker.
 */
final class Broker {

  static final String MILESTONE_SCHEMA =
      "contracts/milestone-service/schemas/milestone-event.v1.json";
  static final String RISK_SCHEMA = "contracts/risk-service/schemas/risk-event.v1.json";
  private static final Map<String, String> HEADERS =
      Map.of("content-type", "application/cloudevents+json");
  private static EventPublisher publisher;

  private Broker() {}

  private static synchronized EventPublisher publisher() {
    if (publisher == null) {
      publisher = EventPublisher.create();
    }
    return publisher;
  }

  /** A milestone as milestone-service would publish it; change fields, then {@link #event}. */
  static final class Milestone {
    final UUID id = UUID.randomUUID();
    final String projectId;
    String name = "Milestone";
    String kind = "CUSTOM";
    String status = "PLANNED";
    LocalDate plannedDate = LocalDate.of(2026, 6, 1);
    int bufferDays = 5;
    LocalDate forecastDate;
    LocalDate actualDate;
    String zone;
    String plannedValue;
    long version;

    Milestone(String projectId) {
      this.projectId = projectId;
    }

    Milestone kind(String kind) {
      this.kind = kind;
      return this;
    }

    Milestone name(String name) {
      this.name = name;
      return this;
    }

    Milestone planned(LocalDate date, int bufferDays) {
      this.plannedDate = date;
      this.bufferDays = bufferDays;
      return this;
    }

    Milestone value(String plannedValue) {
      this.plannedValue = plannedValue;
      return this;
    }

    Milestone status(String status) {
      this.status = status;
      return this;
    }

    Milestone zone(String zone) {
      this.zone = zone;
      return this;
    }

    /** Marks it completed on {@code date}, as a new version. */
    Milestone complete(LocalDate date) {
      status = "COMPLETED";
      actualDate = date;
      version++;
      return this;
    }

    Milestone nextVersion() {
      version++;
      return this;
    }

    String event(String eventId, String type) {
      StringBuilder data = new StringBuilder();
      data.append(
          """
          {"milestoneId":"%s","projectId":"%s","name":"%s","kind":"%s","status":"%s",
           "plannedDate":"%s","bufferDays":%d,"version":%d"""
              .formatted(id, projectId, name, kind, status, plannedDate, bufferDays, version));
      if (forecastDate != null)
        data.append(",\"forecastDate\":\"").append(forecastDate).append('"');
      if (actualDate != null) data.append(",\"actualDate\":\"").append(actualDate).append('"');
      if (zone != null) data.append(",\"zone\":\"").append(zone).append('"');
      if (plannedValue != null)
        data.append(",\"plannedValue\":\"").append(plannedValue).append('"');
      data.append(",\"someFutureField\":true}");
      return envelope(eventId, "/milestone-service", type, id, data.toString());
    }
  }

  /** A risk as risk-service would publish it. */
  static final class Risk {
    final UUID id = UUID.randomUUID();
    final String projectId;
    String title = "Risk";
    String category = "TECHNICAL";
    int probability;
    int impact;
    String level;
    String status = "OPEN";
    long version;

    Risk(String projectId, String level) {
      this.projectId = projectId;
      level(level);
    }

    Risk title(String title) {
      this.title = title;
      return this;
    }

    Risk level(String level) {
      this.level = level;
      switch (level) {
        case "CRITICAL" -> score(4, 5);
        case "HIGH" -> score(3, 4);
        case "MEDIUM" -> score(2, 3);
        default -> score(1, 2);
      }
      return this;
    }

    private void score(int p, int i) {
      probability = p;
      impact = i;
    }

    Risk close() {
      status = "CLOSED";
      version++;
      return this;
    }

    Risk nextVersion() {
      version++;
      return this;
    }

    String event(String eventId, String type) {
      String data =
          """
          {"riskId":"%s","projectId":"%s","title":"%s","category":"%s","probability":%d,
           "impact":%d,"score":%d,"level":"%s","status":"%s","version":%d}"""
              .formatted(
                  id,
                  projectId,
                  title,
                  category,
                  probability,
                  impact,
                  probability * impact,
                  level,
                  status,
                  version);
      return envelope(eventId, "/risk-service", type, id, data);
    }
  }

  static String envelope(String eventId, String source, String type, UUID subject, String data) {
    return """
        {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"%s",
         "time":"2026-03-01T10:00:00Z","datacontenttype":"application/json","data":%s}"""
        .formatted(eventId, source, type, subject, data);
  }

  /** Publishes a milestone event (checked against the contract) and returns its event id. */
  static String publish(Milestone m, String type) {
    String eventId = UUID.randomUUID().toString();
    String json = m.event(eventId, type);
    JsonSchemas.assertValid(MILESTONE_SCHEMA, json);
    send("milestone.events", m.projectId, json);
    return eventId;
  }

  static String publish(Risk r, String type) {
    String eventId = UUID.randomUUID().toString();
    String json = r.event(eventId, type);
    JsonSchemas.assertValid(RISK_SCHEMA, json);
    send("risk.events", r.projectId, json);
    return eventId;
  }

  static void send(String topic, String key, String value) {
    publisher().send(topic, key, value, HEADERS);
  }

  /** Publishes and waits until project-service has processed the event. */
  static void publishAndAwait(EntityManager em, Milestone m, String type) {
    awaitProcessed(em, publish(m, type));
  }

  static void publishAndAwait(EntityManager em, Risk r, String type) {
    awaitProcessed(em, publish(r, type));
  }

  static void awaitProcessed(EntityManager em, String eventId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> processed(em, eventId));
  }

  static boolean processed(EntityManager em, String eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                            em.createNativeQuery(
                                    "select count(*) from inbox_event where event_id = :id")
                                .setParameter("id", eventId)
                                .getSingleResult())
                        .longValue()
                    == 1);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
