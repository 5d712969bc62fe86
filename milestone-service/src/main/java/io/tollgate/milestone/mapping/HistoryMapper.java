package io.tollgate.milestone.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.milestone.repository.BaselineRepository;
import io.tollgate.milestone.repository.HistoryRepository;
import io.tollgate.milestone.rest.BaselineView;
import io.tollgate.milestone.rest.HistoryEntryView;

public final class HistoryMapper {

  private HistoryMapper() {}

  public static HistoryEntryView toView(HistoryRepository.Row row, ObjectMapper mapper) {
    return new HistoryEntryView(
        row.seq(),
        row.occurredAt(),
        row.actor(),
        row.apiKeyId(),
        row.action(),
        row.reason(),
        tree(row.before(), mapper),
        tree(row.after(), mapper));
  }

  public static BaselineView toView(BaselineRepository.Row row) {
    return new BaselineView(row.plannedDate(), row.reason(), row.takenAt(), row.takenBy());
  }

  private static JsonNode tree(String json, ObjectMapper mapper) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("history entry cannot be read", e);
    }
  }
}
