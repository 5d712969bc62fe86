package io.tollgate.project.service;

import io.tollgate.project.mapping.FinanceMapper;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.Benefit;
import io.tollgate.project.model.CostEntry;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.BenefitRepository;
import io.tollgate.project.repository.CostEntryRepository;
import io.tollgate.project.rest.BenefitCreate;
import io.tollgate.project.rest.CostEntryCreate;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cost ledger and the expected benefits. Every amount of a project is in one currency: its
 * budget's, or while it has no budget, that of its first cost or benefit.
 */
@ApplicationScoped
public class FinanceService {

  private final ProjectService projects;
  private final CostEntryRepository costs;
  private final BenefitRepository benefits;
  private final History history;
  private final Caller caller;
  private final HealthService health;
  private final ProjectEvents events;

  FinanceService(
      ProjectService projects,
      CostEntryRepository costs,
      BenefitRepository benefits,
      History history,
      Caller caller,
      HealthService health,
      ProjectEvents events) {
    this.health = health;
    this.events = events;
    this.projects = projects;
    this.costs = costs;
    this.benefits = benefits;
    this.history = history;
    this.caller = caller;
  }

  @Transactional
  public CostEntry recordCost(UUID projectId, CostEntryCreate request) {
    Project p = projects.lock(projectId);
    ProjectService.requireActive(p);
    checkInProjectCurrency(p, request.ruleViolations(), request.currency());
    CostEntry e = new CostEntry();
    e.id = UUID.randomUUID();
    e.projectId = p.id;
    e.date = request.date();
    e.amount = request.amount();
    e.currency = request.currency();
    e.category = request.category();
    e.note = request.note();
    e.createdBy = caller.userId();
    e.createdAt = Times.now();
    costs.persistAndFlush(e);
    history.record(
        p.id,
        History.Action.COST_RECORDED,
        History.Entity.COST_ENTRY,
        e.id,
        null,
        FinanceMapper.toView(e),
        null);
    events.cost(p, FinanceMapper.toView(e), false);
    health.reassess(p.id);
    return e;
  }

  public Page<CostEntry> costs(
      UUID projectId, CostEntryRepository.Filter filter, PageRequest page) {
    projects.get(projectId);
    return costs.ofProject(projectId, filter, page);
  }

  public CostEntry cost(UUID projectId, UUID entryId) {
    projects.get(projectId);
    return costs
        .ofProject(projectId, entryId)
        .orElseThrow(() -> ProblemException.notFound("cost entry", entryId));
  }

  @Transactional
  public void removeCost(UUID projectId, UUID entryId, String ifMatch) {
    Project p = projects.lock(projectId);
    CostEntry e =
        costs
            .ofProject(projectId, entryId)
            .orElseThrow(() -> ProblemException.notFound("cost entry", entryId));
    Preconditions.requireIfMatch(ifMatch, e.version);
    ProjectService.requireActive(p);
    costs.delete(e);
    history.record(
        p.id,
        History.Action.COST_REMOVED,
        History.Entity.COST_ENTRY,
        e.id,
        FinanceMapper.toView(e),
        null,
        null);
    events.cost(p, FinanceMapper.toView(e), true);
    health.reassess(p.id);
  }

  @Transactional
  public Benefit addBenefit(UUID projectId, BenefitCreate request) {
    Project p = projects.lock(projectId);
    ProjectService.requireActive(p);
    checkInProjectCurrency(p, request.ruleViolations(), request.currency());
    Benefit b = new Benefit();
    b.id = UUID.randomUUID();
    b.projectId = p.id;
    b.description = request.description().strip();
    b.amount = request.amount();
    b.currency = request.currency();
    b.recurrence = request.recurrence();
    b.startDate = request.startDate();
    b.endDate = request.endDate();
    b.createdBy = caller.userId();
    b.createdAt = Times.now();
    benefits.persistAndFlush(b);
    history.record(
        p.id,
        History.Action.BENEFIT_ADDED,
        History.Entity.BENEFIT,
        b.id,
        null,
        FinanceMapper.toView(b),
        null);
    events.benefit(p, FinanceMapper.toView(b), false);
    return b;
  }

  public Page<Benefit> benefits(UUID projectId, PageRequest page) {
    projects.get(projectId);
    return benefits.ofProject(projectId, page);
  }

  public Benefit benefit(UUID projectId, UUID benefitId) {
    projects.get(projectId);
    return benefits
        .ofProject(projectId, benefitId)
        .orElseThrow(() -> ProblemException.notFound("benefit", benefitId));
  }

  @Transactional
  public void removeBenefit(UUID projectId, UUID benefitId, String ifMatch) {
    Project p = projects.lock(projectId);
    Benefit b =
        benefits
            .ofProject(projectId, benefitId)
            .orElseThrow(() -> ProblemException.notFound("benefit", benefitId));
    Preconditions.requireIfMatch(ifMatch, b.version);
    ProjectService.requireActive(p);
    benefits.delete(b);
    history.record(
        p.id,
        History.Action.BENEFIT_REMOVED,
        History.Entity.BENEFIT,
        b.id,
        FinanceMapper.toView(b),
        null,
        null);
    events.benefit(p, FinanceMapper.toView(b), true);
  }

  /** The currency the project's money is in, if it has any yet. */
  public Optional<String> currencyOf(Project p) {
    if (p.hasBudget()) {
      return Optional.of(p.budgetCurrency);
    }
    return costs.currencyOf(p.id).or(() -> benefits.currencyOf(p.id));
  }

  /**
   * Refuses the request with its own rules' violations and, unless its currency is already refused,
   * one for a currency other than the project's: all in one answer.
   */
  private void checkInProjectCurrency(Project p, List<Problem.Violation> rules, String currency) {
    List<Problem.Violation> violations = new ArrayList<>(rules);
    if (violations.stream().noneMatch(v -> v.field().equals("currency"))) {
      currencyOf(p)
          .filter(projectCurrency -> !projectCurrency.equals(currency))
          .ifPresent(
              projectCurrency ->
                  violations.add(
                      new Problem.Violation(
                          "currency",
                          "must be "
                              + projectCurrency
                              + ", the currency of project "
                              + p.key
                              + "'s budget and costs")));
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }
}
