package io.tollgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 and 403 as problem details; a 401 says how to authenticate. */
public class SecurityProblemMappers {

  @ServerExceptionMapper(priority = 1)
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized("a valid bearer token is required", uri);
  }

  @ServerExceptionMapper(priority = 1)
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    return unauthorized(
        "the bearer token is not valid (signature, issuer, audience or expiry)", uri);
  }

  /** A verified token whose limiting claim cannot be read: refused, never served unlimited. */
  @ServerExceptionMapper(priority = 1)
  public Response unreadableClaim(UnreadableClaimException e, UriInfo uri) {
    return problem(ProblemType.UNAUTHORIZED, e.getMessage(), uri)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", error=\"invalid_token\"")
        .build();
  }

  @ServerExceptionMapper(priority = 1)
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return problem(ProblemType.FORBIDDEN, "your role does not allow this", uri).build();
  }

  private static Response unauthorized(String detail, UriInfo uri) {
    return problem(ProblemType.UNAUTHORIZED, detail, uri)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\"")
        .build();
  }

  private static Response.ResponseBuilder problem(ProblemType type, String detail, UriInfo uri) {
    return Response.status(type.status())
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail,
                Problem.instance(uri.getPath()),
                List.of(),
                Map.of()));
  }
}
