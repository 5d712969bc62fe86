package io.tollgate.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.directory.ProjectRef;
import io.tollgate.notification.mapping.SubscriptionMapper;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.Severity;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.repository.SubscriptionRepository;
import io.tollgate.notification.rest.SubscriptionCreate;
import io.tollgate.notification.rest.SubscriptionPatch;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.Caller;
import io.tollgate.security.PlatformRole;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Subscriptions: made, read, changed and removed by their owner (or ADMIN), with the webhook's
 * secret rotated on demand. Anyone else is told a subscription does not exist.
 */
@ApplicationScoped
public class SubscriptionService {

  private final SubscriptionRepository subscriptions;
  private final ProjectAccess access;
  private final Caller caller;
  private final MergePatch mergePatch;

  SubscriptionService(
      SubscriptionRepository subscriptions,
      ProjectAccess access,
      Caller caller,
      MergePatch mergePatch) {
    this.subscriptions = subscriptions;
    this.access = access;
    this.caller = caller;
    this.mergePatch = mergePatch;
  }

  private EntityManager em() {
    return subscriptions.getEntityManager();
  }

  /** The service's clock: UTC, to the microsecond that PostgreSQL keeps, so reads equal writes. */
  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  @Transactional
  public Subscription create(SubscriptionCreate request) {
    List<Problem.Violation> violations = new ArrayList<>(request.ruleViolations());
    violations.addAll(everyProjectProblems(request.projectId()));
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
    if (request.projectId() != null) {
      requireOpenProject(request.projectId());
    }
    OffsetDateTime now = now();
    Subscription s = new Subscription();
    s.id = UUID.randomUUID();
    s.name = request.name().strip();
    s.projectId = request.projectId();
    s.ownerId = caller.userId();
    s.ownerPlatformRole = platformRole();
    s.apiKeyId = caller.apiKeyId().orElse(null);
    s.channel = request.channel();
    s.url = request.url();
    s.email = request.email();
    s.secret = s.channel == Channel.WEBHOOK ? WebhookSecrets.generate() : null;
    s.eventTypes = distinct(request.eventTypes());
    s.minSeverity = request.minSeverity() == null ? Severity.INFO : request.minSeverity();
    s.audience = request.audience() == null ? defaultAudience(s.channel) : request.audience();
    s.digest = request.digest() == null ? Digest.IMMEDIATE : request.digest();
    s.active = request.active() == null || request.active();
    s.createdAt = now;
    s.updatedAt = now;
    subscriptions.persist(s);
    em().flush();
    return s;
  }

  /** One subscription; 404 when there is none or it is not the caller's (ADMIN sees all). */
  public Subscription get(UUID id) {
    Subscription s = subscriptions.findById(id);
    if (s == null || !visible(s)) {
      throw notFound(id);
    }
    return s;
  }

  /** The caller's subscriptions (ADMIN: everyone's), narrowed by the filters. */
  public Page<Subscription> list(
      UUID projectId, Channel channel, Boolean active, PageRequest page) {
    return subscriptions.list(
        new SubscriptionRepository.Filter(
            caller.isAdmin() ? null : caller.userId(),
            projectId,
            channel,
            active,
            caller.projectLimit().orElse(null)),
        page);
  }

  @Transactional
  public Subscription update(UUID id, String ifMatch, JsonNode patch) {
    Subscription s = forChange(id, ifMatch);
    SubscriptionPatch current = SubscriptionMapper.toPatchable(s);
    SubscriptionPatch after = mergePatch.apply(current, patch, merged -> rules(current, merged));
    List<String> eventTypes = distinct(after.eventTypes());
    Severity minSeverity = after.minSeverity() == null ? Severity.INFO : after.minSeverity();
    Audience audience = after.audience() == null ? defaultAudience(s.channel) : after.audience();
    Digest digest = after.digest() == null ? Digest.IMMEDIATE : after.digest();
    boolean projectChanged = !Objects.equals(after.projectId(), s.projectId);
    boolean changed =
        projectChanged
            || !after.name().strip().equals(s.name)
            || !Objects.equals(after.url(), s.url)
            || !Objects.equals(after.email(), s.email)
            || !eventTypes.equals(s.eventTypes)
            || minSeverity != s.minSeverity
            || audience != s.audience
            || digest != s.digest
            || after.active() != s.active;
    if (!changed) {
      return s;
    }
    if (projectChanged && after.projectId() != null) {
      requireOpenProject(after.projectId());
    }
    s.name = after.name().strip();
    s.projectId = after.projectId();
    s.url = after.url();
    s.email = after.email();
    if (!eventTypes.equals(s.eventTypes)) {
      s.eventTypes = new ArrayList<>(eventTypes);
    }
    s.minSeverity = minSeverity;
    s.audience = audience;
    s.digest = digest;
    s.active = after.active();
    s.updatedAt = now();
    em().flush();
    return s;
  }

  @Transactional
  public void delete(UUID id, String ifMatch) {
    Subscription s = forChange(id, ifMatch);
    subscriptions.delete(s);
    em().flush();
  }

  /** A new signing secret for a webhook; the old one signs nothing from now on. */
  @Transactional
  public Subscription rotateSecret(UUID id, String ifMatch) {
    Subscription s = forChange(id, ifMatch);
    if (s.channel != Channel.WEBHOOK) {
      throw ProblemException.conflict(
          "subscription "
              + id
              + " is an "
              + s.channel
              + " subscription; only a WEBHOOK has a"
              + " secret");
    }
    s.secret = WebhookSecrets.generate();
    s.updatedAt = now();
    em().flush();
    return s;
  }

  /** What a patch breaks: the channel's rules, a changed channel, every project for a member. */
  private List<Problem.Violation> rules(SubscriptionPatch current, SubscriptionPatch merged) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (merged.channel() != null && merged.channel() != current.channel()) {
      violations.add(
          new Problem.Violation(
              "channel",
              "cannot be changed (it is "
                  + current.channel()
                  + "); create another subscription for another channel"));
      return violations;
    }
    violations.addAll(
        SubscriptionRules.problems(
            merged.channel(),
            merged.url(),
            merged.email(),
            merged.eventTypes(),
            merged.digest(),
            SubscriptionRules.allowHttp(),
            SubscriptionRules.allowPrivateTargets()));
    if (merged.projectId() == null && current.projectId() != null) {
      violations.addAll(everyProjectProblems(null));
    }
    return violations;
  }

  /** Why the caller may not subscribe to every project (no projectId), if they may not. */
  private List<Problem.Violation> everyProjectProblems(UUID projectId) {
    if (projectId != null) {
      return List.of();
    }
    if (!caller.readsAllProjects()) {
      return List.of(
          new Problem.Violation(
              "projectId",
              "is required: only ADMIN and PMO may subscribe to every project; name a project"
                  + " you can read"));
    }
    if (caller.projectLimit().isPresent()) {
      return List.of(
          new Problem.Violation(
              "projectId",
              "is required: this API key is limited to some projects, so it subscribes to one of"
                  + " them, not to every project"));
    }
    return List.of();
  }

  /** The project must be readable (404), known (404) and not archived (409). */
  private void requireOpenProject(UUID projectId) {
    access.requireRead(projectId);
    ProjectRef project = em().find(ProjectRef.class, projectId);
    if (project == null) {
      throw ProblemException.notFound("project", projectId);
    }
    if (project.archived) {
      throw ProblemException.conflict(
          "project " + project.key + " is archived; nothing will happen in it to be told of");
    }
  }

  /** The subscription to change, locked, after its visibility and its ETag are checked. */
  private Subscription forChange(UUID id, String ifMatch) {
    Subscription s = subscriptions.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (s == null || !visible(s)) {
      throw notFound(id);
    }
    Preconditions.requireIfMatch(ifMatch, s.version);
    return s;
  }

  /**
   * Its owner's and ADMIN's, and only while the caller may still read its project: someone removed
   * from a project no longer hears of it, so they may neither point the subscription elsewhere nor
   * replay what it received (ADR 0026). An API key limited to projects sees only subscriptions to
   * one of them, as its lists do.
   */
  private boolean visible(Subscription s) {
    if (!caller.isAdmin() && !s.ownerId.equals(caller.userId())) {
      return false;
    }
    if (s.projectId != null && !access.canRead(s.projectId)) {
      return false;
    }
    return caller
        .projectLimit()
        .map(ids -> s.projectId != null && ids.contains(s.projectId))
        .orElse(true);
  }

  private String platformRole() {
    if (caller.isAdmin()) {
      return PlatformRole.ADMIN.name();
    }
    return caller.readsAllProjects() ? PlatformRole.PMO.name() : null;
  }

  private static Audience defaultAudience(Channel channel) {
    return channel == Channel.WEBHOOK ? Audience.TECHNICAL : Audience.BUSINESS;
  }

  private static List<String> distinct(List<String> entries) {
    return entries == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(entries));
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("subscription", id);
  }
}
