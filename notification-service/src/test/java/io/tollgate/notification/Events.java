package io.tollgate.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tollgate.eventing.CloudEvent;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.JsonSchemas;
import java.util.Map;
import java.util.UUID;

/**
 * Plays project-, milestone- and risk-service: their events as they publish them, each checked
 * against the schema its producer ships (so a field this service reads is a field the contract
 * has), and sent to the real broker.
 */
public final class Events {

  public static final String PROJECT_SCHEMA =
      "contracts/project-service/schemas/project-event.v1.json";
  public static final String HEALTH_SCHEMA =
      "contracts/project-service/schemas/project-health-changed.v1.json";
  public static final String PHASE_SCHEMA =
      "contracts/project-service/schemas/project-phase-changed.v1.json";
  public static final String MILESTONE_SCHEMA =
      "contracts/milestone-service/schemas/milestone-event.v1.json";
  public static final String RISK_SCHEMA = "contracts/risk-service/schemas/risk-event.v1.json";

  private static final Map<String, String> HEADERS =
      Map.of("content-type", "application/cloudevents+json");
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  private static EventPublisher publisher;

  private Events() {}

  /** A published event: its id and its record value. */
  public record Sent(String id, String json) {}

  public static String envelope(
      String eventId, String source, String type, Object subject, String time, String data) {
    return """
        {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"%s",\
        "time":"%s","datacontenttype":"application/json","data":%s}"""
        .formatted(eventId, source, type, subject, time, data);
  }

  /** A milestone.events event; {@code extra} adds data fields (",\"zone\":\"AT_RISK\""). */
  public static String milestone(
      String eventId,
      String type,
      String projectId,
      UUID milestoneId,
      String name,
      String status,
      String extra) {
    String data =
        """
        {"milestoneId":"%s","projectId":"%s","name":"%s","kind":"SECURITY_AUDIT","status":"%s",\
        "plannedDate":"2027-03-01","bufferDays":5,"version":3%s}"""
            .formatted(milestoneId, projectId, name, status, extra == null ? "" : extra);
    String json =
        envelope(eventId, "/milestone-service", type, milestoneId, "2027-03-12T09:00:00Z", data);
    JsonSchemas.assertValid(MILESTONE_SCHEMA, json);
    return json;
  }

  /** A risk.events event. */
  public static String risk(
      String eventId, String type, String projectId, UUID riskId, String title, String level) {
    int probability =
        switch (level) {
          case "CRITICAL" -> 4;
          case "HIGH" -> 3;
          case "MEDIUM" -> 2;
          default -> 1;
        };
    int impact = level.equals("CRITICAL") ? 5 : level.equals("HIGH") ? 4 : 3;
    String data =
        """
        {"riskId":"%s","projectId":"%s","title":"%s","category":"VENDOR","probability":%d,\
        "impact":%d,"score":%d,"level":"%s","status":"%s","version":2}"""
            .formatted(
                riskId,
                projectId,
                title,
                probability,
                impact,
                probability * impact,
                level,
                type.endsWith("closed.v1") ? "CLOSED" : "OPEN");
    String json = envelope(eventId, "/risk-service", type, riskId, "2027-03-12T09:00:00Z", data);
    JsonSchemas.assertValid(RISK_SCHEMA, json);
    return json;
  }

  /** A tollgate.project.health-changed.v1 event. */
  public static String health(
      String eventId, String projectId, String previous, String rating, String... reasons) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < reasons.length; i++) {
      list.append(i == 0 ? "" : ",")
          .append(
              "{\"dimension\":\"SCHEDULE\",\"rating\":\"%s\",\"message\":\"%s\",\"relatedIds\":[]}"
                  .formatted(rating.equals("GREEN") ? "AMBER" : rating, reasons[i]));
    }
    list.append(']');
    String data =
        """
        {"projectId":"%s","key":"APO","name":"Apollo","methodology":"AGILE","phase":"EXECUTION",\
        "archived":false,"version":4,"previousRating":"%s","rating":"%s","reasons":%s,\
        "evaluatedAt":"2027-03-12T09:00:00Z"}"""
            .formatted(projectId, previous, rating, list);
    String json =
        envelope(
            eventId,
            "/project-service",
            "tollgate.project.health-changed.v1",
            projectId,
            "2027-03-12T09:00:00Z",
            data);
    JsonSchemas.assertValid(HEALTH_SCHEMA, json);
    return json;
  }

  /** A tollgate.project.phase-changed.v1 event, with a gate override when {@code overriddenBy}. */
  public static String phaseChanged(String eventId, String projectId, String overriddenBy) {
    String override =
        overriddenBy == null
            ? ""
            : """
              ,"override":{"by":"%s","justification":"Audit signed off on paper",\
              "overriddenCriteria":[{"ruleId":"deployment.security-audit","criterion":\
              "MILESTONES_COMPLETED","message":"Security audit is not completed",\
              "milestoneIds":[],"riskIds":[]}]}"""
                .formatted(overriddenBy);
    String data =
        """
        {"projectId":"%s","key":"APO","name":"Apollo","methodology":"AGILE",\
        "phase":"DEPLOYMENT","archived":false,"version":7,"sequence":12,\
        "transitionId":"%s","from":"TESTING","to":"DEPLOYMENT","kind":"ADVANCE",\
        "reason":"Release 1.0","changedBy":"alice"%s}"""
            .formatted(projectId, UUID.randomUUID(), override);
    String json =
        envelope(
            eventId,
            "/project-service",
            "tollgate.project.phase-changed.v1",
            projectId,
            "2027-03-12T09:00:00Z",
            data);
    JsonSchemas.assertValid(PHASE_SCHEMA, json);
    return json;
  }

  /** The record value as the eventing module reads it. */
  public static CloudEvent parse(String json) {
    try {
      return JSON.readValue(json, CloudEvent.class);
    } catch (Exception e) {
      throw new AssertionError("not a CloudEvent: " + json, e);
    }
  }

  private static synchronized EventPublisher publisher() {
    if (publisher == null) {
      publisher = EventPublisher.create();
    }
    return publisher;
  }

  /** Sends {@code json} to {@code topic}, keyed by the project, and waits for the broker. */
  public static void send(String topic, String projectId, String json) {
    publisher().send(topic, projectId, json, HEADERS);
  }
}
