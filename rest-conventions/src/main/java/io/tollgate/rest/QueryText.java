package io.tollgate.rest;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query parameter holding a NUL character ({@code %00}) before any resource sees it:
 * PostgreSQL's text types cannot hold one, so a search for it would fail in the database.
 */
public class QueryText {

  @ServerRequestFilter
  public void refuseNul(UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    if (query == null || !query.contains("%00")) {
      return;
    }
    uri.getQueryParameters()
        .forEach(
            (name, values) -> {
              if (values.stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw ProblemException.invalid(name, "must not contain the NUL character (%00)");
              }
            });
  }
}
