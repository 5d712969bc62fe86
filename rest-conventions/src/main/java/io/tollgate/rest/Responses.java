package io.tollgate.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The responses every resource builds the same way. */
public final class Responses {

  private Responses() {}

  /**
   * 201 with {@code Location} = the request URL + {@code /id}, the ETag of {@code version}, and the
   * body.
   */
  public static Response created(UriInfo uri, Object id, long version, Object body) {
    return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
        .tag(Preconditions.etag(version))
        .entity(body)
        .build();
  }
}
