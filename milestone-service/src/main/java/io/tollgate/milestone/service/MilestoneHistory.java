package io.tollgate.milestone.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.repository.HistoryRepository;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes a milestone's history in the transaction of the change: who (the caller and the API key
 * they used), when, what (before and after, as the API shows the milestone) and why (a reason,
 * where the change has one).
 */
@ApplicationScoped
public class MilestoneHistory {

  /** The actions this service records; a row's action is text, so more may be added. */
  public static final String CREATED = "CREATED";

  public static final String UPDATED = "UPDATED";
  public static final String COMPLETED = "COMPLETED";
  public static final String REOPENED = "REOPENED";
  public static final String REBASELINED = "REBASELINED";
  public static final String DELETED = "DELETED";

  /** Its forecast moved because another milestone's did, along the dependencies. */
  public static final String FORECAST_MOVED = "FORECAST_MOVED";

  private final HistoryRepository rows;
  private final ObjectMapper mapper;
  private final Caller caller;

  MilestoneHistory(HistoryRepository rows, ObjectMapper mapper, Caller caller) {
    this.rows = rows;
    this.mapper = mapper;
    this.caller = caller;
  }

  /**
   * Records a change of {@code m}.
   *
   * @param before the milestone before (its API view), null when it was created
   * @param after the milestone after (its API view), null when it was deleted
   * @param reason why, when the change has a reason (a re-baseline), else null
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(Milestone m, String action, Object before, Object after, String reason) {
    rows.insert(
        m.id,
        m.projectId,
        action,
        caller.userId(),
        caller.apiKeyId().orElse(null),
        Times.now(),
        reason,
        json(before),
        json(after));
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("history entry cannot be serialised", e);
    }
  }
}
