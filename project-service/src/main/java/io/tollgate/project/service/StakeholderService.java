package io.tollgate.project.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.StakeholderMapper;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.HistoryEntry;
import io.tollgate.project.model.Project;
import io.tollgate.project.model.Stakeholder;
import io.tollgate.project.model.StakeholderRole;
import io.tollgate.project.repository.StakeholderRepository;
import io.tollgate.project.rest.StakeholderCreate;
import io.tollgate.project.rest.StakeholderPatch;
import io.tollgate.project.rest.StakeholderView;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.AccessRole;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stakeholders and their access. Every change locks the project, so "a project keeps at least one
 * OWNER" holds under concurrent changes, and publishes a membership event in the same transaction.
 */
@ApplicationScoped
public class StakeholderService {

  private final ProjectService projects;
  private final StakeholderRepository stakeholders;
  private final ProjectEvents events;
  private final History history;
  private final MergePatch mergePatch;
  private final Caller caller;
  private final ProjectAccess access;

  StakeholderService(
      ProjectService projects,
      StakeholderRepository stakeholders,
      ProjectEvents events,
      History history,
      MergePatch mergePatch,
      Caller caller,
      ProjectAccess access) {
    this.projects = projects;
    this.stakeholders = stakeholders;
    this.events = events;
    this.history = history;
    this.mergePatch = mergePatch;
    this.caller = caller;
    this.access = access;
  }

  /** Makes the caller the OWNER of the project they just created. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Stakeholder addCreator(Project p) {
    // the project was created in this transaction: nobody can be its stakeholder yet
    return insert(
        p,
        new StakeholderCreate(
            caller.userId(),
            caller.userId(),
            null,
            StakeholderRole.PROJECT_MANAGER,
            5,
            5,
            AccessRole.OWNER));
  }

  /**
   * Refuses a caller who may not add members (OWNERs and ADMINs may). The resource also asks before
   * replaying a stored answer, so that a caller who has since lost OWNER gets no 201 for it.
   */
  public void authorizeAdd(UUID projectId) {
    access.requireOwner(projectId);
  }

  @Transactional
  public Stakeholder add(UUID projectId, StakeholderCreate request) {
    Project p = projects.lock(projectId);
    // again under the project's lock, which a change of the caller's role also takes
    authorizeAdd(projectId);
    ProjectService.requireActive(p);
    return add(p, request);
  }

  private Stakeholder add(Project p, StakeholderCreate request) {
    String userId = request.userId().strip();
    if (stakeholders.member(p.id, userId).isPresent()) {
      throw ProblemException.conflict(
          userId + " is already a stakeholder of project " + p.key + "; change them instead");
    }
    return insert(p, request);
  }

  private Stakeholder insert(Project p, StakeholderCreate request) {
    String userId = request.userId().strip();
    OffsetDateTime now = Times.now();
    Stakeholder s = new Stakeholder();
    s.id = UUID.randomUUID();
    s.projectId = p.id;
    s.userId = userId;
    s.name = request.name().strip();
    s.email = request.email();
    s.role = request.role();
    s.influence = request.influence();
    s.interest = request.interest();
    s.accessRole = request.accessRole();
    s.createdAt = now;
    s.updatedAt = now;
    stakeholders.persistAndFlush(s);
    HistoryEntry h =
        history.record(
            p.id,
            History.Action.STAKEHOLDER_ADDED,
            History.Entity.STAKEHOLDER,
            s.id,
            null,
            StakeholderMapper.toView(s),
            null);
    events.memberAdded(p, StakeholderMapper.toEvent(p, s, null, h.seq));
    return s;
  }

  public Page<Stakeholder> list(
      UUID projectId, StakeholderRepository.Filter filter, PageRequest page) {
    projects.get(projectId);
    return stakeholders.ofProject(projectId, filter, page);
  }

  public Stakeholder get(UUID projectId, UUID stakeholderId) {
    projects.get(projectId);
    return find(projectId, stakeholderId);
  }

  @Transactional
  public Stakeholder update(UUID projectId, UUID stakeholderId, String ifMatch, JsonNode patch) {
    Project p = projects.lock(projectId);
    access.requireOwner(projectId);
    Stakeholder s = find(projectId, stakeholderId);
    Preconditions.requireIfMatch(ifMatch, s.version);
    StakeholderPatch before = StakeholderMapper.toPatchable(s);
    StakeholderPatch after = mergePatch.apply(before, patch).normalized();
    if (before.equals(after)) {
      return s;
    }
    if (p.archived && !STILL_MANAGED.containsAll(changed(before, after))) {
      throw ProblemException.conflict(
          "project "
              + p.key
              + " is archived: of its stakeholders only access (accessRole) and e-mail addresses"
              + " can still be changed, and stakeholders removed");
    }
    AccessRole previous = s.accessRole;
    if (previous == AccessRole.OWNER && after.accessRole() != AccessRole.OWNER) {
      requireAnotherOwner(p, s, "cannot stop being an OWNER");
    }
    StakeholderView old = StakeholderMapper.toView(s);
    s.name = after.name().strip();
    s.email = after.email();
    s.role = after.role();
    s.influence = after.influence();
    s.interest = after.interest();
    s.accessRole = after.accessRole();
    s.updatedAt = Times.now();
    stakeholders.flush();
    HistoryEntry h =
        history.record(
            p.id,
            History.Action.STAKEHOLDER_CHANGED,
            History.Entity.STAKEHOLDER,
            s.id,
            old,
            StakeholderMapper.toView(s),
            null);
    events.memberChanged(
        p, StakeholderMapper.toEvent(p, s, previous, h.seq, changed(before, after)));
    return s;
  }

  /**
   * What can still change of an archived project's stakeholders: who may read the project, and the
   * personal data of the people on it. The rest of the stakeholder analysis is part of the record
   * the archive keeps as it was.
   */
  private static final Set<String> STILL_MANAGED = Set.of("accessRole", "email");

  /** The names of the member's fields that differ between two versions of it. */
  private static List<String> changed(StakeholderPatch before, StakeholderPatch after) {
    List<String> changed = new ArrayList<>();
    if (!before.name().strip().equals(after.name().strip())) {
      changed.add("name");
    }
    if (!java.util.Objects.equals(before.email(), after.email())) {
      changed.add("email");
    }
    if (before.role() != after.role()) {
      changed.add("stakeholderRole");
    }
    if (!before.influence().equals(after.influence())) {
      changed.add("influence");
    }
    if (!before.interest().equals(after.interest())) {
      changed.add("interest");
    }
    if (before.accessRole() != after.accessRole()) {
      changed.add("accessRole");
    }
    return changed;
  }

  @Transactional
  public void remove(UUID projectId, UUID stakeholderId, String ifMatch) {
    Project p = projects.lock(projectId);
    access.requireOwner(projectId);
    Stakeholder s = find(projectId, stakeholderId);
    Preconditions.requireIfMatch(ifMatch, s.version);
    // an archived project still lets its OWNERs and ADMINs take someone's access away
    if (s.accessRole == AccessRole.OWNER) {
      requireAnotherOwner(p, s, "cannot be removed");
    }
    StakeholderView old = StakeholderMapper.toView(s);
    stakeholders.delete(s);
    stakeholders.flush();
    HistoryEntry h =
        history.record(
            p.id,
            History.Action.STAKEHOLDER_REMOVED,
            History.Entity.STAKEHOLDER,
            s.id,
            old,
            null,
            null);
    events.memberRemoved(p, StakeholderMapper.toEvent(p, s, s.accessRole, h.seq));
  }

  private void requireAnotherOwner(Project p, Stakeholder s, String what) {
    if (stakeholders.owners(p.id) <= 1) {
      throw ProblemException.conflict(
          s.userId
              + " is the last OWNER of project "
              + p.key
              + " and "
              + what
              + "; make someone else an OWNER first");
    }
  }

  private Stakeholder find(UUID projectId, UUID stakeholderId) {
    return stakeholders
        .ofProject(projectId, stakeholderId)
        .orElseThrow(() -> ProblemException.notFound("stakeholder", stakeholderId));
  }
}
