package io.tollgate.rest;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads a header field sent on several lines as RFC 9110 (5.3) says, where JAX-RS's {@code
 * HeaderParam String} takes the first line alone:
 *
 * <ul>
 *   <li>the lines of {@code If-Match} and {@code If-None-Match}, lists of ETags, are one list:
 *       {@code If-Match: "9"} and {@code If-Match: "0"} on two lines are {@code If-Match: "9",
 *       "0"}, where the second line was ignored;
 *   <li>any other header an operation takes as one value ({@code Idempotency-Key}) sent on more
 *       than one line is ambiguous, as a query parameter given twice is: a 400 naming it.
 * </ul>
 */
@ApplicationScoped
public class HeaderLines {

  private static final List<String> LISTS =
      List.of(HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH);

  private final Map<Method, List<String>> singleValued = new ConcurrentHashMap<>();

  void install(@Observes Router router) {
    router
        .route()
        .order(-950)
        .handler(
            ctx -> {
              MultiMap headers = ctx.request().headers();
              for (String name : LISTS) {
                List<String> lines = headers.getAll(name);
                if (lines.size() > 1) {
                  headers.set(name, String.join(", ", lines));
                }
              }
              ctx.next();
            });
  }

  @ServerRequestFilter
  public void check(ContainerRequestContext request, ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return;
    }
    List<Problem.Violation> violations = new ArrayList<>();
    for (String name : singleValued.computeIfAbsent(method, HeaderLines::singleValued)) {
      List<String> lines = request.getHeaders().get(name);
      if (lines != null && lines.size() > 1) {
        violations.add(
            new Problem.Violation(
                name, "is sent on " + lines.size() + " lines; send one value, on one line"));
      }
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }

  /** The headers {@code method} takes as one value: not a list, and not one of {@link #LISTS}. */
  private static List<String> singleValued(Method method) {
    List<String> names = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      HeaderParam header = parameter.getAnnotation(HeaderParam.class);
      if (header != null
          && parameter.getType() == String.class
          && LISTS.stream().noneMatch(header.value()::equalsIgnoreCase)) {
        names.add(header.value());
      }
    }
    return List.copyOf(names);
  }
}
