package io.tollgate.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tollgate.eventing.CloudEvent;
import io.tollgate.notification.model.Audience;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The title and message of an in-app notification, in its audience's language (ADR 0026): a
 * business reader gets names, dates, money and plain words, a technical reader the type, the ids
 * and the fields that changed. Fields are read tolerantly: one that is missing is left out, and a
 * type this class does not know gets a generic text, so a producer's additive change never stops a
 * notification.
 */
public final class Messages {

  public static final int MAX_TITLE = 300;
  public static final int MAX_MESSAGE = 2000;

  /** What a notification says. */
  public record Text(String title, String message) {}

  /**
   * What the directory knows of the event's project, for events that do not carry its name
   * (milestone and risk events); either may be null.
   */
  public record ProjectName(String key, String name) {
    public static final ProjectName UNKNOWN = new ProjectName(null, null);
  }

  /** Fields a technical reader looks for first, in this order; the other plain fields follow. */
  private static final List<String> KEY_FIELDS =
      List.of(
          "status",
          "zone",
          "level",
          "previousRating",
          "rating",
          "phase",
          "from",
          "to",
          "plannedDate",
          "bufferDays",
          "forecastDate",
          "actualDate",
          "score",
          "version");

  private Messages() {}

  public static Text of(CloudEvent event, ProjectName project, Audience audience) {
    JsonNode data = event.data() == null ? MissingNode.getInstance() : event.data();
    ProjectName known = project == null ? ProjectName.UNKNOWN : project;
    Text text =
        audience == Audience.TECHNICAL
            ? technical(event, data, known)
            : business(event, data, known);
    return new Text(cut(text.title(), MAX_TITLE), cut(text.message(), MAX_MESSAGE));
  }

  // ---- business

  private static Text business(CloudEvent event, JsonNode d, ProjectName known) {
    String project = projectName(event, d, known);
    String type = event.type();
    if (type.startsWith("tollgate.milestone.")) {
      return milestone(event, d, project);
    }
    if (type.startsWith("tollgate.risk.")) {
      return risk(type, d, project);
    }
    return switch (type) {
      case "tollgate.project.created.v1" ->
          new Text(
              "Project " + project + " was created",
              "Project "
                  + project
                  + " was created"
                  + spaced(
                      join(
                          ", ",
                          phrase("in phase ", plain(d, "phase")),
                          phrase("with a target date of ", text(d, "targetDate")),
                          phrase("and a budget of ", money(d.path("budget")))))
                  + ".");
      case "tollgate.project.updated.v1" ->
          new Text(
              project + " was updated",
              "Project "
                  + project
                  + " was updated"
                  + colon(
                      join(
                          ", ",
                          phrase("it is in phase ", plain(d, "phase")),
                          phrase("its target date is ", text(d, "targetDate")),
                          phrase("its budget is ", money(d.path("budget")))))
                  + ".");
      case "tollgate.project.archived.v1" ->
          new Text(project + " was archived", "Project " + project + " was archived.");
      case Severities.PHASE_CHANGED -> phase(d, project);
      case Severities.HEALTH_CHANGED -> health(d, project);
      case "tollgate.project.cost-recorded.v1", "tollgate.project.cost-removed.v1" ->
          cost(type.endsWith("removed.v1"), d.path("cost"), project);
      case "tollgate.project.benefit-added.v1", "tollgate.project.benefit-removed.v1" ->
          benefit(type.endsWith("removed.v1"), d.path("benefit"), project);
      default -> generic(event, project);
    };
  }

  private static Text milestone(CloudEvent event, JsonNode d, String project) {
    String name = orElse(text(d, "name"), "A milestone");
    String of = name + " of " + project;
    String planned = text(d, "plannedDate");
    String forecast = text(d, "forecastDate");
    String forecastNote = forecast == null ? "" : " (forecast " + forecast + ")";
    switch (event.type()) {
      case "tollgate.milestone.deleted.v1":
        return new Text(
            of + " was removed",
            of + phrase(", planned for ", planned) + ", was removed from the plan.");
      case "tollgate.milestone.completed.v1":
        return new Text(
            of + " is completed",
            of
                + " was completed"
                + phrase(" on ", text(d, "actualDate"))
                + (planned == null ? "" : " (planned for " + planned + ")")
                + ".");
      default:
        break;
    }
    boolean created = "tollgate.milestone.created.v1".equals(event.type());
    String status = plain(d, "status");
    String zone = plain(d, "zone");
    if ("COMPLETED".equals(status)) {
      return new Text(
          of + " is completed",
          of + " was completed" + phrase(" on ", text(d, "actualDate")) + ".");
    }
    if ("LATE".equals(status)) {
      Long late = daysLate(event, d);
      String how = late == null || late < 1 ? "late" : days(late) + " late";
      return new Text(of + " is " + how, of + " is now " + how + forecastNote + ".");
    }
    if ("OFF_TRACK".equals(zone)) {
      return new Text(
          of + " is off track",
          of
              + " is forecast beyond its planned date and buffer"
              + forecastNote
              + (planned == null ? "" : "; it was planned for " + planned)
              + ".");
    }
    if ("AT_RISK".equals(zone)) {
      return new Text(
          of + " is at risk", of + " has used a third or more of its buffer" + forecastNote + ".");
    }
    if (created) {
      return new Text(
          "New milestone on " + project + ": " + name,
          of
              + " is planned"
              + phrase(" for ", planned)
              + phrase(" with ", bufferDays(d))
              + forecastNote
              + ".");
    }
    return new Text(
        of + " was updated",
        of + " is on track" + phrase(", planned for ", planned) + forecastNote + ".");
  }

  private static String bufferDays(JsonNode d) {
    JsonNode buffer = d.path("bufferDays");
    return buffer.canConvertToLong() ? days(buffer.asLong()) + " of buffer" : null;
  }

  /** Days past the planned date plus the buffer, on the day the event was published. */
  private static Long daysLate(CloudEvent event, JsonNode d) {
    LocalDate planned = date(text(d, "plannedDate"));
    if (planned == null || event.time() == null) {
      return null;
    }
    long buffer = d.path("bufferDays").asLong(0);
    LocalDate asOf = event.time().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    return ChronoUnit.DAYS.between(planned.plusDays(buffer), asOf);
  }

  private static Text risk(String type, JsonNode d, String project) {
    String risk = "Risk '" + orElse(text(d, "title"), "unnamed") + "' on " + project;
    String detail =
        join(
            ", ",
            phrase("probability ", outOfFive(d, "probability")),
            phrase("impact ", outOfFive(d, "impact")),
            phrase("category ", plain(d, "category")));
    if (type.equals("tollgate.risk.closed.v1")) {
      return new Text(risk + " is closed", risk + " was closed.");
    }
    String level = plain(d, "level");
    if (level == null) {
      return new Text(risk + " was assessed", risk + " was assessed" + colon(detail) + ".");
    }
    boolean identified = d.path("version").asLong(-1) == 0;
    return identified
        ? new Text(
            "New " + level + " risk on " + project + ": '" + text(d, "title") + "'",
            risk + " was identified as " + level + colon(detail) + ".")
        : new Text(risk + " is now " + level, risk + " is now " + level + colon(detail) + ".");
  }

  private static String outOfFive(JsonNode d, String field) {
    JsonNode value = d.path(field);
    return value.canConvertToInt() ? value.asInt() + " of 5" : null;
  }

  private static Text phase(JsonNode d, String project) {
    String to = orElse(plain(d, "to"), plain(d, "phase"));
    String from = plain(d, "from");
    JsonNode override = d.path("override");
    boolean overridden = override.isObject();
    String title =
        project
            + " moved to "
            + orElse(to, "another phase")
            + (overridden ? " (gates overridden)" : "");
    StringBuilder message =
        new StringBuilder(project)
            .append(" moved")
            .append(phrase(" from ", from))
            .append(phrase(" to ", to))
            .append(colon(text(d, "reason")))
            .append('.');
    if (overridden) {
      List<String> unmet = new ArrayList<>();
      for (JsonNode criterion : override.path("overriddenCriteria")) {
        String m = text(criterion, "message");
        if (m != null) {
          unmet.add(m);
        }
      }
      message
          .append(" The phase gates were overridden")
          .append(phrase(" by ", text(override, "by")))
          .append(colon(text(override, "justification")))
          .append('.');
      if (!unmet.isEmpty()) {
        message.append(" Not met: ").append(String.join("; ", unmet)).append('.');
      }
    }
    return new Text(title, message.toString());
  }

  private static Text health(JsonNode d, String project) {
    String rating = plain(d, "rating");
    String previous = plain(d, "previousRating");
    List<String> reasons = new ArrayList<>();
    for (JsonNode reason : d.path("reasons")) {
      String m = text(reason, "message");
      if (m != null) {
        reasons.add(m);
      }
    }
    String possessive = project + "'s health";
    if (rating == null) {
      return new Text(possessive + " changed", possessive + " changed.");
    }
    String change =
        rating.equals(previous)
            ? " is still " + rating
            : "GREEN".equals(rating) ? " is GREEN again" : " turned " + rating;
    String because = reasons.isEmpty() ? "" : ": " + String.join("; ", reasons);
    String was = previous == null || previous.equals(rating) ? "" : " (was " + previous + ")";
    return new Text(possessive + change, possessive + change + was + because + ".");
  }

  private static Text cost(boolean removed, JsonNode cost, String project) {
    String amount = money(cost.path("amount"));
    String category = plain(cost, "category");
    String what =
        (category == null ? "A cost" : "A " + category.toLowerCase(Locale.ROOT) + " cost")
            + phrase(" of ", amount)
            + phrase(" dated ", text(cost, "date"));
    return removed
        ? new Text(
            "Cost removed from " + project + phrase(": ", amount),
            what + " was removed from " + project + "'s ledger.")
        : new Text(
            "Cost recorded on " + project + phrase(": ", amount),
            what + " was recorded on " + project + colon(text(cost, "note")) + ".");
  }

  private static Text benefit(boolean removed, JsonNode benefit, String project) {
    String description = orElse(text(benefit, "description"), "an expected benefit");
    String recurrence = plain(benefit, "recurrence");
    String detail =
        join(
            " ",
            money(benefit.path("amount")),
            recurrence == null ? null : recurrence.toLowerCase(Locale.ROOT).replace('_', '-'),
            phrase("from ", text(benefit, "startDate")),
            phrase("to ", text(benefit, "endDate")));
    return removed
        ? new Text(
            "Benefit removed from " + project + ": " + description,
            "The expected benefit '" + description + "' was removed from " + project + ".")
        : new Text(
            "Benefit expected on " + project + ": " + description,
            project + " now expects '" + description + "'" + colon(detail) + ".");
  }

  private static Text generic(CloudEvent event, String project) {
    String what = readableType(event.type());
    return new Text(
        capitalised(what) + " on " + project,
        capitalised(what)
            + " on "
            + project
            + (event.time() == null ? "" : " at " + event.time().toInstant())
            + ".");
  }

  // ---- technical

  private static Text technical(CloudEvent event, JsonNode d, ProjectName known) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>(KEY_FIELDS);
    for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    for (String name : names) {
      JsonNode value = d.path(name);
      if (value.isValueNode() && !value.isNull()) {
        fields.put(name, value.asText());
      }
    }
    JsonNode budget = d.path("budget");
    if (budget.isObject()) {
      fields.put("budget", money(budget));
    }
    String projectId = text(d, "projectId");
    String projectKey = orElse(carriesProject(event) ? text(d, "key") : null, known.key());
    String summary =
        join(
            " ",
            pair("status", fields.get("status")),
            pair("zone", fields.get("zone")),
            pair("level", fields.get("level")),
            pair("rating", fields.get("rating")));
    String title =
        event.type()
            + phrase(" ", event.subject())
            + (projectKey == null ? "" : " [" + projectKey + "]")
            + phrase(" ", summary);
    StringBuilder message =
        new StringBuilder("type=")
            .append(event.type())
            .append("; id=")
            .append(event.id())
            .append(event.subject() == null ? "" : "; subject=" + event.subject())
            .append(projectId == null ? "" : "; projectId=" + projectId)
            .append(projectKey == null ? "" : "; projectKey=" + projectKey)
            .append(event.time() == null ? "" : "; time=" + event.time().toInstant());
    fields.forEach(
        (name, value) -> {
          if (!name.equals("projectId") && !name.equals("key")) {
            message.append("; ").append(name).append('=').append(value);
          }
        });
    JsonNode override = d.path("override");
    if (override.isObject()) {
      List<String> criteria = new ArrayList<>();
      override.path("overriddenCriteria").forEach(c -> criteria.add(c.path("ruleId").asText()));
      message
          .append("; override.by=")
          .append(override.path("by").asText())
          .append("; override.criteria=")
          .append(String.join(",", criteria));
    }
    for (JsonNode reason : d.path("reasons")) {
      message
          .append("; reason=")
          .append(reason.path("dimension").asText())
          .append('/')
          .append(reason.path("rating").asText())
          .append(' ')
          .append(reason.path("relatedIds"));
    }
    JsonNode ids = d.path("milestoneIds");
    if (ids.isArray() && !ids.isEmpty()) {
      message.append("; milestoneIds=").append(ids);
    }
    return new Text(title, message.toString());
  }

  // ---- helpers

  /** A project event carries the project; any other names it by projectId only. */
  private static boolean carriesProject(CloudEvent event) {
    return event.type().startsWith("tollgate.project.");
  }

  private static String projectName(CloudEvent event, JsonNode d, ProjectName known) {
    boolean carried = carriesProject(event);
    String name = orElse(carried ? text(d, "name") : null, known.name());
    if (name != null) {
      return name;
    }
    String key = orElse(carried ? text(d, "key") : null, known.key());
    return key == null ? "a project" : "project " + key;
  }

  /** A text field, or null when absent, blank or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
        ? value.asText()
        : null;
  }

  /** An enum constant as plain words would use it: LATE stays LATE, null stays null. */
  private static String plain(JsonNode node, String field) {
    return text(node, field);
  }

  private static LocalDate date(String text) {
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code 250000.00} with {@code EUR} as {@code 250,000.00 EUR}; null without an amount. */
  static String money(JsonNode money) {
    String amount = text(money, "amount");
    if (amount == null) {
      return null;
    }
    String currency = text(money, "currency");
    String shown;
    try {
      BigDecimal value = new BigDecimal(amount);
      shown = String.format(Locale.ROOT, "%,." + Math.max(0, value.scale()) + "f", value);
    } catch (NumberFormatException e) {
      shown = amount;
    }
    return currency == null ? shown : shown + " " + currency;
  }

  private static String days(long days) {
    return days == 1 ? "1 day" : days + " days";
  }

  private static String readableType(String type) {
    String[] parts = type.split("\\.");
    if (parts.length >= 3) {
      return parts[1] + " " + parts[2].replace('-', ' ');
    }
    return type;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String phrase(String prefix, String value) {
    return value == null ? "" : prefix + value;
  }

  private static String spaced(String value) {
    return value == null ? "" : " " + value;
  }

  private static String colon(String value) {
    return value == null || value.isEmpty() ? "" : ": " + value;
  }

  private static String pair(String name, String value) {
    return value == null ? null : name + "=" + value;
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }

  /** The parts that are there, joined; null when none is. */
  private static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isEmpty()) {
        present.add(part);
      }
    }
    return present.isEmpty() ? null : String.join(separator, present);
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
