package io.tollgate.rest;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Keeps the {@code uri} tag of {@code http.server.requests} bounded for the answers no JAX-RS
 * operation gave, which Quarkus tags with the raw path: a 405 for a method the path does not take,
 * an {@code OPTIONS} that {@link AllowedMethods} answers, a 400 that {@link RouterRefusals} answers
 * for a target that is not a URI. Each id in such a path made a series of its own; past 100 uri
 * tags Micrometer records no new one, so a route first used after a scan was never recorded. Such
 * an answer is tagged with the path template it matches ({@code /api/v1/projects/{id}}, as Quarkus
 * tags the operation's own answers), or {@value #UNMATCHED} when a refusal matches none. A 404 or a
 * redirect keeps Quarkus's tag (the template, else NOT_FOUND or REDIRECTION), and so does any other
 * answer that no route refused: outside the API, only paths that exist answer.
 */
@Singleton
public class RouteUriTag implements HttpServerMetricsTagsContributor {

  /** The {@code uri} tag of a refused request whose path names no resource of the service. */
  public static final String UNMATCHED = "UNMATCHED";

  private static final String URI = "uri";

  private final AllowedMethods routes;

  RouteUriTag(AllowedMethods routes) {
    this.routes = routes;
  }

  @Override
  public Tags contribute(Context context) {
    int status = context.response().statusCode();
    if (status == 404 || status / 100 == 3) {
      return Tags.empty();
    }
    HttpServerRequest request = context.request();
    boolean refused = status >= 400;
    if (!refused && !answeredByAllowedMethods(request)) {
      return Tags.empty();
    }
    Optional<String> template = routes.template(request.path());
    if (template.isPresent()) {
      return Tags.of(URI, template.get());
    }
    return refused ? Tags.of(URI, UNMATCHED) : Tags.empty();
  }

  /** An {@code OPTIONS} that is not a CORS preflight, which Quarkus tags itself. */
  private static boolean answeredByAllowedMethods(HttpServerRequest request) {
    return request.method() == HttpMethod.OPTIONS
        && request.getHeader("Access-Control-Request-Method") == null;
  }
}
