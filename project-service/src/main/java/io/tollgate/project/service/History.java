package io.tollgate.project.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.project.model.HistoryEntry;
import io.tollgate.project.repository.HistoryRepository;
import io.tollgate.project.rest.ProjectView;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Writes a project's history in the transaction of the change: who (the caller), when, what (before
 * and after, as the API shows them) and, for changes to the project itself, its snapshot.
 */
@ApplicationScoped
public class History {

  /** What a history entry records. */
  @Schema(
      name = "HistoryAction",
      description =
          "What the change was; HISTORY_STARTED is the first entry of a project created before"
              + " its history was kept, with the project as it was then")
  public enum Action {
    /** Written by the migration that began the history, never by the service. */
    HISTORY_STARTED,
    PROJECT_CREATED,
    PROJECT_UPDATED,
    PROJECT_ARCHIVED,
    PHASE_CHANGED,
    STAKEHOLDER_ADDED,
    STAKEHOLDER_CHANGED,
    STAKEHOLDER_REMOVED,
    COST_RECORDED,
    COST_REMOVED,
    BENEFIT_ADDED,
    BENEFIT_REMOVED,
    KPI_DEFINED,
    KPI_CHANGED,
    KPI_REMOVED,
    KPI_MEASURED,
    KPI_MEASUREMENT_REMOVED
  }

  /** The kinds of things a history entry is about. */
  public enum Entity {
    PROJECT,
    PHASE_TRANSITION,
    STAKEHOLDER,
    COST_ENTRY,
    BENEFIT,
    KPI,
    KPI_MEASUREMENT
  }

  private final HistoryRepository entries;
  private final ObjectMapper mapper;
  private final Caller caller;

  History(HistoryRepository entries, ObjectMapper mapper, Caller caller) {
    this.entries = entries;
    this.mapper = mapper;
    this.caller = caller;
  }

  /**
   * Records a change.
   *
   * @param before the thing before the change (API view), {@code null} when it was created
   * @param after the thing after the change (API view), {@code null} when it was removed
   * @param projectSnapshot the project after the change when the project itself changed, else
   *     {@code null}; the entry is then dated by the project's {@code updatedAt}, so that a read as
   *     of that instant finds it
   * @return the entry; its {@code seq} orders the project's changes
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public HistoryEntry record(
      UUID projectId,
      Action action,
      Entity entity,
      Object entityId,
      Object before,
      Object after,
      ProjectView projectSnapshot) {
    return record(projectId, action, entity, entityId, before, after, projectSnapshot, null, null);
  }

  /**
   * Records a change whose {@code after} also carries what caused it under {@code causeName} (a
   * phase change's transition: its reason and any gate override), which is not one of the thing's
   * changed fields.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public HistoryEntry record(
      UUID projectId,
      Action action,
      Entity entity,
      Object entityId,
      Object before,
      Object after,
      ProjectView projectSnapshot,
      String causeName,
      Object cause) {
    HistoryEntry e = new HistoryEntry();
    e.projectId = projectId;
    e.occurredAt = projectSnapshot == null ? Times.now() : projectSnapshot.updatedAt();
    e.actor = caller.userId();
    e.apiKeyId = caller.apiKeyId().orElse(null);
    e.action = action.name();
    e.entityType = entity.name();
    e.entityId = String.valueOf(entityId);
    JsonNode beforeTree = before == null ? null : mapper.valueToTree(before);
    JsonNode afterTree = after == null ? null : mapper.valueToTree(after);
    List<String> changed = changedFields(beforeTree, afterTree);
    e.changedFields = changed.isEmpty() ? null : String.join(",", changed);
    e.beforeState = json(beforeTree);
    if (causeName != null && afterTree instanceof ObjectNode annotated) {
      afterTree = annotated.deepCopy().set(causeName, mapper.valueToTree(cause));
    }
    e.afterState = json(afterTree);
    if (projectSnapshot == null) {
      e.projectSnapshot = null;
    } else if (projectSnapshot == after && causeName == null) {
      // a change to the project itself: its snapshot is the state after, already serialised
      e.projectSnapshot = e.afterState;
    } else {
      e.projectSnapshot = json(mapper.valueToTree(projectSnapshot));
    }
    entries.record(e);
    return e;
  }

  /** The top-level fields whose values differ, in document order; all of them on create/remove. */
  static List<String> changedFields(JsonNode before, JsonNode after) {
    Set<String> names = new LinkedHashSet<>();
    if (before != null) {
      before.fieldNames().forEachRemaining(names::add);
    }
    if (after != null) {
      after.fieldNames().forEachRemaining(names::add);
    }
    List<String> changed = new ArrayList<>();
    for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
      String name = it.next();
      JsonNode a = before == null ? null : before.get(name);
      JsonNode b = after == null ? null : after.get(name);
      if (isAbsent(a) && isAbsent(b)) {
        continue;
      }
      if (isAbsent(a) || isAbsent(b) || !a.equals(b)) {
        changed.add(name);
      }
    }
    // bookkeeping fields say nothing about what the user changed
    changed.removeAll(List.of("version", "updatedAt"));
    return changed;
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull();
  }

  private String json(JsonNode tree) {
    if (tree == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("history entry cannot be serialised", e);
    }
  }
}
