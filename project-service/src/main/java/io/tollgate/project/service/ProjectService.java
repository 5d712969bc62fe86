package io.tollgate.project.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.Phase;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.rest.ProjectCreate;
import io.tollgate.project.rest.ProjectPatch;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Project rules and transactions; every change writes its event to the outbox in the same tx. */
@ApplicationScoped
public class ProjectService {

  private final ProjectRepository projects;
  private final ProjectEvents events;
  private final MergePatch mergePatch;

  ProjectService(ProjectRepository projects, ProjectEvents events, MergePatch mergePatch) {
    this.projects = projects;
    this.events = events;
    this.mergePatch = mergePatch;
  }

  @Transactional
  public Project create(ProjectCreate request) {
    checkDates(request.startDate(), request.targetDate());
    if (projects.keyTaken(request.key())) {
      throw ProblemException.conflict("a project with key " + request.key() + " already exists");
    }
    OffsetDateTime now = now();
    Project p = new Project();
    p.id = UUID.randomUUID();
    p.key = request.key();
    p.name = request.name().strip();
    p.description = request.description();
    p.methodology = request.methodology();
    p.phase = Phase.INITIATION;
    p.startDate = request.startDate();
    p.targetDate = request.targetDate();
    p.createdAt = now;
    p.updatedAt = now;
    projects.persistAndFlush(p);
    events.created(p);
    return p;
  }

  public Project get(UUID id) {
    return projects
        .findByIdOptional(id)
        .orElseThrow(() -> ProblemException.notFound("project", id));
  }

  public Page<Project> list(ProjectRepository.Filter filter, PageRequest page) {
    return projects.search(filter, page);
  }

  /** Applies a JSON merge patch, if the client's {@code If-Match} names the current version. */
  @Transactional
  public Project update(UUID id, String ifMatch, JsonNode patch) {
    Project p = get(id);
    Preconditions.requireIfMatch(ifMatch, p.version);
    requireActive(p);
    ProjectPatch before = ProjectMapper.toPatchable(p);
    ProjectPatch after = mergePatch.apply(before, patch);
    checkDates(after.startDate(), after.targetDate());
    List<String> changed = changedFields(before, after);
    if (changed.isEmpty()) {
      return p;
    }
    p.name = after.name().strip();
    p.description = after.description();
    p.methodology = after.methodology();
    p.startDate = after.startDate();
    p.targetDate = after.targetDate();
    p.updatedAt = now();
    projects.flush();
    events.updated(p, changed);
    return p;
  }

  /** Archives a project: it stays readable but leaves lists and accepts no more changes. */
  @Transactional
  public Project archive(UUID id, String ifMatch) {
    Project p = get(id);
    Preconditions.requireIfMatch(ifMatch, p.version);
    requireActive(p);
    p.archived = true;
    p.archivedAt = now();
    p.updatedAt = p.archivedAt;
    projects.flush();
    events.archived(p);
    return p;
  }

  private static void requireActive(Project p) {
    if (p.archived) {
      throw ProblemException.conflict("project " + p.key + " is archived and cannot be changed");
    }
  }

  private static void checkDates(LocalDate start, LocalDate target) {
    if (start != null && target != null && target.isBefore(start)) {
      throw ProblemException.invalid("targetDate", "must not be before startDate " + start);
    }
  }

  private static List<String> changedFields(ProjectPatch a, ProjectPatch b) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(a.name(), b.name())) changed.add("name");
    if (!Objects.equals(a.description(), b.description())) changed.add("description");
    if (a.methodology() != b.methodology()) changed.add("methodology");
    if (!Objects.equals(a.startDate(), b.startDate())) changed.add("startDate");
    if (!Objects.equals(a.targetDate(), b.targetDate())) changed.add("targetDate");
    return changed;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
