package io.tollgate.project.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.model.HistoryEntry;
import io.tollgate.project.rest.HistoryEntryView;
import io.tollgate.project.rest.ProjectView;
import io.tollgate.project.service.History;
import java.util.Arrays;
import java.util.List;

public final class HistoryMapper {

  private HistoryMapper() {}

  public static HistoryEntryView toView(HistoryEntry e, ObjectMapper mapper) {
    return new HistoryEntryView(
        e.seq,
        e.occurredAt,
        e.actor,
        e.apiKeyId,
        History.Action.valueOf(e.action),
        History.Entity.valueOf(e.entityType),
        e.entityId,
        e.changedFields == null ? List.of() : Arrays.asList(e.changedFields.split(",")),
        tree(e.beforeState, mapper),
        tree(e.afterState, mapper));
  }

  /** The project as a snapshot recorded it; fields added since read as absent. */
  public static ProjectView snapshot(HistoryEntry e, ObjectMapper mapper) {
    try {
      return mapper
          .readerFor(ProjectView.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(e.projectSnapshot);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("project snapshot " + e.seq + " cannot be read", ex);
    }
  }

  private static JsonNode tree(String json, ObjectMapper mapper) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("history entry cannot be read", ex);
    }
  }
}
