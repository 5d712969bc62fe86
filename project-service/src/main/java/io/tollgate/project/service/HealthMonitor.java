package io.tollgate.project.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.Periodic;
import io.tollgate.project.config.HealthConfig;
import io.tollgate.project.repository.ProjectRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Re-evaluates the health of every open project now and then: a milestone whose planned date and
 * buffer pass becomes late by the calendar alone, with no event to say so. Each project is
 * re-evaluated in its own transaction under its lock, so replicas doing the same is harmless.
 */
@ApplicationScoped
public class HealthMonitor {

  private static final Logger LOG = Logger.getLogger(HealthMonitor.class);

  private final HealthService health;
  private final ProjectRepository projects;
  private final Duration interval;
  private final int pageSize;
  private Periodic timer;

  HealthMonitor(HealthService health, ProjectRepository projects, HealthConfig config) {
    this.health = health;
    this.projects = projects;
    this.interval = config.reevaluationInterval();
    this.pageSize = config.reevaluationPageSize();
  }

  void onStart(@Observes StartupEvent event) {
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    timer = Periodic.every(interval, "health-monitor", this::reevaluateAll);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.stop();
    }
  }

  /**
   * Re-evaluates every open project, a page of ids at a time; one failing does not stop the others.
   */
  public void reevaluateAll() {
    UUID after = null;
    List<UUID> page;
    do {
      UUID from = after;
      page = QuarkusTransaction.requiringNew().call(() -> projects.watched(from, pageSize));
      for (UUID id : page) {
        try {
          QuarkusTransaction.requiringNew().run(() -> health.reassess(id));
        } catch (RuntimeException e) {
          LOG.warnf("health of project %s could not be re-evaluated: %s", id, e.getMessage());
        }
      }
      after = page.isEmpty() ? null : page.get(page.size() - 1);
    } while (page.size() == pageSize);
  }
}
