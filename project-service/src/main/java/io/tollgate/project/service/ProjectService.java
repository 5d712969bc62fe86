package io.tollgate.project.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.Phase;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.BenefitRepository;
import io.tollgate.project.repository.CostEntryRepository;
import io.tollgate.project.repository.MilestoneRefRepository;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.rest.MoneyInput;
import io.tollgate.project.rest.ProjectCreate;
import io.tollgate.project.rest.ProjectPatch;
import io.tollgate.project.rest.ProjectView;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import io.tollgate.rest.QueryValues;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** Project rules and transactions; every change writes its event to the outbox in the same tx. */
@ApplicationScoped
public class ProjectService {

  private final ProjectRepository projects;
  private final ProjectEvents events;
  private final MergePatch mergePatch;
  private final History history;
  private final Caller caller;
  private final ProjectAccess access;
  private final Instance<StakeholderService> stakeholders;
  private final CostEntryRepository costs;
  private final BenefitRepository benefits;
  private final HealthService health;
  private final MilestoneRefRepository milestones;

  ProjectService(
      ProjectRepository projects,
      ProjectEvents events,
      MergePatch mergePatch,
      History history,
      Caller caller,
      ProjectAccess access,
      Instance<StakeholderService> stakeholders,
      CostEntryRepository costs,
      BenefitRepository benefits,
      MilestoneRefRepository milestones,
      HealthService health) {
    this.health = health;
    this.milestones = milestones;
    this.costs = costs;
    this.benefits = benefits;
    this.projects = projects;
    this.events = events;
    this.mergePatch = mergePatch;
    this.history = history;
    this.caller = caller;
    this.access = access;
    // resolved lazily: StakeholderService itself depends on this service
    this.stakeholders = stakeholders;
  }

  @Transactional
  public Project create(ProjectCreate request) {
    if (caller.projectLimit().isPresent()) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "this API key is limited to its projects; it cannot create another one");
    }
    request.requireRules();
    OffsetDateTime now = Times.now();
    Project p = new Project();
    p.id = UUID.randomUUID();
    p.key = request.key();
    p.name = request.name().strip();
    p.description = request.description();
    p.methodology = request.methodology();
    p.phase = Phase.INITIATION;
    p.startDate = request.startDate();
    p.targetDate = request.targetDate();
    setBudget(p, request.budget());
    p.createdBy = caller.userId();
    p.createdAt = now;
    p.updatedAt = now;
    try {
      // the unique key answers a duplicate; asking first would cost a round trip per create
      projects.persistAndFlush(p);
    } catch (ConstraintViolationException e) {
      if (ProjectRepository.KEY_UNIQUE.equals(e.getConstraintName())) {
        throw ProblemException.conflict("a project with key " + request.key() + " already exists");
      }
      throw e;
    }
    ProjectView view = ProjectMapper.toView(p);
    history.record(
        p.id, History.Action.PROJECT_CREATED, History.Entity.PROJECT, p.id, null, view, view);
    events.created(p);
    stakeholders.get().addCreator(p);
    return p;
  }

  public Project get(UUID id) {
    return projects
        .findByIdOptional(id)
        .orElseThrow(() -> ProblemException.notFound("project", id));
  }

  /**
   * The project, locked until the transaction ends; for every change to it or its parts. The
   * caller's write access is checked again once the lock is held: a membership change locks the
   * project too, so a change that waited behind the demotion of its own author is judged on the
   * role the author has now, not on the one the request filter saw before it waited.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Project lock(UUID id) {
    Project p = projects.lock(id).orElseThrow(() -> ProblemException.notFound("project", id));
    access.requireWrite(id);
    return p;
  }

  public Page<Project> list(
      ProjectRepository.Filter filter,
      QueryValues.Sorting<ProjectRepository.Order> sorting,
      PageRequest page) {
    // a list only ever shows what the caller may see
    return projects.search(filter, page, visibleTo(caller), sorting.key(), sorting.descending());
  }

  /** Which projects the caller may see in a list: theirs (or all) and, for a key, its projects. */
  public static ProjectRepository.Scope visibleTo(Caller caller) {
    return new ProjectRepository.Scope(
        caller.readsAllProjects() ? null : caller.userId(), caller.projectLimit().orElse(null));
  }

  /** Applies a JSON merge patch, if the client's {@code If-Match} names the current version. */
  @Transactional
  public Project update(UUID id, String ifMatch, JsonNode patch) {
    Project p = lock(id);
    Preconditions.requireIfMatch(ifMatch, p.version);
    requireActive(p);
    ProjectPatch before = ProjectMapper.toPatchable(p);
    // the patched dates and budget are judged with its fields (ProjectPatch's rules), in one answer
    ProjectPatch after = mergePatch.apply(before, patch).normalized();
    checkBudgetCurrency(p, after.budget());
    if (before.budget() != null && after.budget() == null) {
      // leaving PLANNING needed it (the BUDGET_SET gate), and earned value, EAC and budget burn
      // are measured against it (an ended project's too: it may have ended after PLANNING)
      if (pastPlanning(p) || p.phase.isTerminal()) {
        throw ProblemException.conflict(
            "project "
                + p.key
                + (p.phase.isTerminal()
                    ? " has ended"
                    : " has left PLANNING, which needed its budget")
                + ": the budget can be changed, not removed");
      }
      // the planned values are in the budget's currency: without it, a later budget in another
      // currency would re-read them in that one
      if (milestones.anyValued(p.id)) {
        throw ProblemException.conflict(
            "project "
                + p.key
                + "'s milestones carry planned values in "
                + p.budgetCurrency
                + ": the budget can be changed, not removed");
      }
    }
    List<String> changed = changedFields(before, after);
    if (changed.isEmpty()) {
      return p;
    }
    ProjectView previous = ProjectMapper.toView(p);
    p.name = after.name().strip();
    p.description = after.description();
    p.methodology = after.methodology();
    p.startDate = after.startDate();
    p.targetDate = after.targetDate();
    setBudget(p, after.budget());
    p.updatedAt = Times.now();
    projects.flush();
    ProjectView view = ProjectMapper.toView(p);
    history.record(
        p.id, History.Action.PROJECT_UPDATED, History.Entity.PROJECT, p.id, previous, view, view);
    events.updated(p, changed);
    if (changed.contains("budget")) {
      // the budget spreads over milestones without planned value, which moves EV and CPI
      health.reassess(p.id);
    }
    return p;
  }

  /** Archives a project: it stays readable but leaves lists and accepts no more changes. */
  @Transactional
  public Project archive(UUID id, String ifMatch) {
    Project p = lock(id);
    access.requireOwner(id);
    Preconditions.requireIfMatch(ifMatch, p.version);
    requireActive(p);
    // its health is no longer rated from here on: the last rating is the one as it is archived
    health.reassess(p.id);
    ProjectView previous = ProjectMapper.toView(p);
    p.archived = true;
    p.archivedAt = Times.now();
    p.updatedAt = p.archivedAt;
    projects.flush();
    ProjectView view = ProjectMapper.toView(p);
    history.record(
        p.id, History.Action.PROJECT_ARCHIVED, History.Entity.PROJECT, p.id, previous, view, view);
    events.archived(p);
    return p;
  }

  /** Whether the project is, or is held, in a lifecycle phase after PLANNING. */
  private static boolean pastPlanning(Project p) {
    Phase phase = p.phase == Phase.ON_HOLD ? p.heldPhase : p.phase;
    return phase != null && phase.isLifecycle() && phase.ordinal() > Phase.PLANNING.ordinal();
  }

  /** Refuses changes to an archived project. */
  public static void requireActive(Project p) {
    if (p.archived) {
      throw ProblemException.conflict("project " + p.key + " is archived and cannot be changed");
    }
  }

  /**
   * What a project's dates and budget break: a target date before the start date, a budget that is
   * not a positive amount in its currency's decimals. Every one, so that one answer lists them.
   */
  public static List<Problem.Violation> rules(
      LocalDate start, LocalDate target, MoneyInput budget) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (start != null && target != null && target.isBefore(start)) {
      violations.add(new Problem.Violation("targetDate", "must not be before startDate " + start));
    }
    if (budget != null) {
      violations.addAll(MoneyRules.check("budget.", budget.amount(), budget.currency(), true));
    }
    return violations;
  }

  /** The budget must be in the currency the project's costs and benefits are recorded in. */
  private void checkBudgetCurrency(Project p, MoneyInput budget) {
    if (budget == null) {
      return;
    }
    costs
        .currencyOf(p.id)
        .or(() -> benefits.currencyOf(p.id))
        .filter(inUse -> !inUse.equals(budget.currency()))
        .ifPresent(
            inUse -> {
              throw ProblemException.invalid(
                  "budget.currency",
                  "must be " + inUse + ": the project's costs and benefits are in " + inUse);
            });
    // milestones' planned values are amounts in the budget's currency without one of their own:
    // another currency would silently re-read them (earned value in the wrong money)
    if (p.budgetCurrency != null
        && !p.budgetCurrency.equals(budget.currency())
        && milestones.anyValued(p.id)) {
      throw ProblemException.invalid(
          "budget.currency",
          "must be "
              + p.budgetCurrency
              + ": the project's milestones carry planned values in "
              + p.budgetCurrency);
    }
  }

  private static void setBudget(Project p, MoneyInput budget) {
    p.budgetAmount = budget == null ? null : budget.amount();
    p.budgetCurrency = budget == null ? null : budget.currency();
  }

  private static List<String> changedFields(ProjectPatch a, ProjectPatch b) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(a.name(), b.name())) changed.add("name");
    if (!Objects.equals(a.description(), b.description())) changed.add("description");
    if (a.methodology() != b.methodology()) changed.add("methodology");
    if (!Objects.equals(a.startDate(), b.startDate())) changed.add("startDate");
    if (!Objects.equals(a.targetDate(), b.targetDate())) changed.add("targetDate");
    if (!sameMoney(a.budget(), b.budget())) changed.add("budget");
    return changed;
  }

  private static boolean sameMoney(MoneyInput a, MoneyInput b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.currency(), b.currency())
        && a.amount() != null
        && b.amount() != null
        && a.amount().compareTo(b.amount()) == 0;
  }
}
