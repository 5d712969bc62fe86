package io.tollgate.project.service;

import io.tollgate.project.model.HistoryEntry;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.HistoryRepository;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads of a project's history: the changes, and the project as it was at an instant. */
@ApplicationScoped
public class HistoryService {

  private final ProjectService projects;
  private final HistoryRepository history;

  HistoryService(ProjectService projects, HistoryRepository history) {
    this.projects = projects;
    this.history = history;
  }

  public PinnedPage<HistoryEntry> changes(
      UUID projectId, HistoryRepository.Filter filter, PageRequest page) {
    projects.get(projectId);
    return history.ofProject(projectId, filter, page);
  }

  /**
   * The history entry whose snapshot is the project as it was at {@code at}.
   *
   * @throws ProblemException 404 when the project does not exist or did not yet at {@code at}
   */
  public HistoryEntry snapshotAt(UUID projectId, OffsetDateTime at) {
    Project p = projects.get(projectId);
    return history
        .snapshotAt(projectId, at)
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.NOT_FOUND,
                    at.isBefore(p.createdAt)
                        ? "project " + projectId + " did not exist yet at " + at
                        : "project " + projectId + " has no recorded state before " + at));
  }
}
