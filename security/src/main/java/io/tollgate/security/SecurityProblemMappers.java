package io.tollgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tollgate.http.BearerTokens;
import io.tollgate.http.RequestIds;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem details, quoting the request's {@code X-Request-Id} as {@code requestId}
 * as every other problem of the services does; a 401 says how to authenticate, and, when a token
 * was sent and refused, that it is not valid ({@code error="invalid_token"}, RFC 6750 section 3.1;
 * a request without a credential gets no error code), and a token refused for its expiry alone says
 * so ({@code error_description}), so that a client refreshes it rather than logging out.
 */
public class SecurityProblemMappers {

  private static final String CHALLENGE = "Bearer realm=\"tollgate\"";
  private static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";
  // a token that would have been accepted but for its expiry: a web app refreshes it silently,
  // where any other refused token means logging in again (RFC 6750 section 3)
  private static final String EXPIRED_TOKEN =
      INVALID_TOKEN + ", error_description=\"the token has expired\"";

  @ServerExceptionMapper(priority = 1)
  public Response unauthenticated(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
    return problem(ProblemType.UNAUTHORIZED, "a valid bearer token is required", uri, headers)
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .build();
  }

  @ServerExceptionMapper(priority = 1)
  public Response authenticationFailed(
      AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
    if (BearerTokens.onlyExpired(e)) {
      return problem(
              ProblemType.UNAUTHORIZED, "the bearer token has expired; get a new one", uri, headers)
          .header(HttpHeaders.WWW_AUTHENTICATE, EXPIRED_TOKEN)
          .build();
    }
    return invalidToken(
        "the bearer token is not valid (signature, issuer, audience or expiry)", uri, headers);
  }

  /** A verified token whose limiting claim cannot be read: refused, never served unlimited. */
  @ServerExceptionMapper(priority = 1)
  public Response unreadableClaim(UnreadableClaimException e, UriInfo uri, HttpHeaders headers) {
    return invalidToken(e.getMessage(), uri, headers);
  }

  @ServerExceptionMapper(priority = 1)
  public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
    return problem(ProblemType.FORBIDDEN, "your role does not allow this", uri, headers).build();
  }

  private static Response invalidToken(String detail, UriInfo uri, HttpHeaders headers) {
    return problem(ProblemType.UNAUTHORIZED, detail, uri, headers)
        .header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN)
        .build();
  }

  private static Response.ResponseBuilder problem(
      ProblemType type, String detail, UriInfo uri, HttpHeaders headers) {
    // the gateway's id, as rest-conventions quotes it in the services' other problems
    String requestId = headers.getHeaderString(RequestIds.HEADER);
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
                RequestIds.accepted(requestId) ? Map.of("requestId", requestId) : Map.of()));
  }
}
