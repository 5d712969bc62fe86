package io.tollgate.security;

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
 * learns nothing, not even that the project exists (404).
 */
public class ProjectScopeFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final boolean enabled;
  private final Pattern projectPath;
  private final Instance<ProjectAccess> access;

  ProjectScopeFilter(
      @ConfigProperty(name = "tollgate.security.project-scope.enabled", defaultValue = "false")
          boolean enabled,
      @ConfigProperty(
              name = "tollgate.security.project-path",
              defaultValue = "^/api/v1/projects/([0-9a-fA-F-]{36})(/.*)?$")
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
    UUID projectId;
    try {
      projectId = UUID.fromString(m.group(1));
    } catch (IllegalArgumentException e) {
      return; // not an id: the endpoint answers 404 itself
    }
    ProjectAccess projects = access.get();
    if (READS.contains(request.getMethod())) {
      projects.requireRead(projectId);
    } else {
      projects.requireWrite(projectId);
    }
  }
}
