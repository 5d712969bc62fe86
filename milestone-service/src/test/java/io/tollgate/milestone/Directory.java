package io.tollgate.milestone;

import io.tollgate.testing.ProjectDirectoryEvents;

/**
 * The milestone database's project directory for ScheduleLimitsTest, written while the copies of
 * this fixture moved to {@link ProjectDirectoryEvents}; new tests use that class directly.
 */
final class Directory {

  private static final ProjectDirectoryEvents EVENTS = new ProjectDirectoryEvents("milestone");

  private Directory() {}

  /** A new project of which {@code owner} is OWNER, once the directory has both. */
  static String project(String owner) {
    return EVENTS.project(owner);
  }
}
