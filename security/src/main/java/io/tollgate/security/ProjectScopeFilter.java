package io.tollgate.security;

import io.tollgate.rest.ProblemException;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every request to a project-scoped path before the endpoint runs, so that a route added
 * later is protected without anyone remembering to: reads need any access to the project, other
 * methods need EDITOR (endpoints that need OWNER check that themselves). A caller without access
 * learns nothing, not even that the project exists (404). A path segment where a project id belongs
 * that is not an id in its canonical form is answered 404 here, since the endpoint's own parsing
 * would take some of those spellings for a real id.
 */
public class ProjectScopeFilter {

  static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  /** An id as the API writes it (either case): 8-4-4-4-12 hexadecimal digits. */
  private static final Pattern CANONICAL_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final boolean enabled;
  private final Pattern projectPath;
  private final Instance<ProjectAccess> access;

  ProjectScopeFilter(
      @ConfigProperty(name = "tollgate.security.project-scope.enabled", defaultValue = "false")
          boolean enabled,
      @ConfigProperty(
              name = "tollgate.security.project-path",
              defaultValue = "^/api/v1/projects/([^/]+)(/.*)?$")
          String projectPath,
      Instance<ProjectAccess> access) {
    this.enabled = enabled;
    this.projectPath = Pattern.compile(projectPath);
    this.access = access;
  }

  @ServerRequestFilter
  public void authorize(ContainerRequestContext request) {
    if (!enabled) {
      return;
    }
    Matcher m = projectPath.matcher(request.getUriInfo().getPath());
    if (!m.matches()) {
      return;
    }
    String segment = m.group(1);
    if (!CANONICAL_ID.matcher(segment).matches()) {
      // UUID.fromString, which reads the endpoint's path parameter, also takes spellings that are
      // not an id's canonical form (a dropped leading zero, a fullwidth digit, a '+'): one of those
      // would reach the project while passing over this check, so anything but the canonical form
      // names no project here
      throw ProblemException.notFound("project", segment);
    }
    UUID projectId = UUID.fromString(segment);
    ProjectAccess projects = access.get();
    if (READS.contains(request.getMethod())) {
      projects.requireRead(projectId);
    } else {
      projects.requireWrite(projectId);
    }
  }
}
