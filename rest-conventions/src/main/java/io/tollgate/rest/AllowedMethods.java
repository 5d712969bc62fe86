package io.tollgate.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the service answers to, read once from its JAX-RS resources, for the
 * {@code Allow} header of a 405 (RFC 9110 15.5.6) and of an {@code OPTIONS} answer (9.3.7), and the
 * {@code Accept-Patch} header of the paths that take a PATCH (RFC 5789 3.1). Quarkus gets these
 * wrong where one resource's path is the prefix of another's ({@code /projects} and {@code
 * /projects/{id}/costs}): a method the path does not take was a 404 and {@code OPTIONS} listed the
 * methods of every path of the class. This reads each path on its own, so the three agree.
 */
@Singleton
public class AllowedMethods {

  /** The header of RFC 5789 3.1: the media types a PATCH of the resource takes. */
  public static final String ACCEPT_PATCH = "Accept-Patch";

  private record Route(String template, Pattern path, String method, List<String> consumes) {}

  private final BeanManager beans;
  private volatile List<Route> routes;

  AllowedMethods(BeanManager beans) {
    this.beans = beans;
  }

  /** The methods {@code path} answers to, with HEAD where it has GET, and OPTIONS; sorted. */
  public Set<String> of(String path) {
    String normalised = normalise(path);
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes()) {
      if (route.path().matcher(normalised).matches()) {
        allowed.add(route.method());
      }
    }
    if (allowed.isEmpty()) {
      return allowed;
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    allowed.add("OPTIONS");
    return allowed;
  }

  /**
   * The path template of the resource {@code path} names ({@code /api/v1/projects/{id}}), as its
   * operations declare it, the one with the most literal characters where several match (as JAX-RS
   * chooses); empty when the path names none.
   */
  public Optional<String> template(String path) {
    String normalised = normalise(path);
    String best = null;
    for (Route route : routes()) {
      if (route.path().matcher(normalised).matches()
          && (best == null || literalLength(route.template()) > literalLength(best))) {
        best = route.template();
      }
    }
    return Optional.ofNullable(best);
  }

  private static int literalLength(String template) {
    return template.replaceAll("\\{[^}]*}", "").length();
  }

  /**
   * The media types a PATCH of {@code path} takes, as an {@code Accept-Patch} value, or {@code
   * null} when the path takes no PATCH.
   */
  public String acceptPatch(String path) {
    String normalised = normalise(path);
    Set<String> types = new java.util.LinkedHashSet<>();
    for (Route route : routes()) {
      if (route.method().equals("PATCH") && route.path().matcher(normalised).matches()) {
        types.addAll(route.consumes());
      }
    }
    return types.isEmpty() ? null : String.join(", ", types);
  }

  /**
   * Answers {@code OPTIONS} on a path of the service with the methods it takes, and {@code
   * Accept-Patch} where one is PATCH. A CORS preflight is left to the CORS filter, where a service
   * enables one.
   */
  void install(@Observes Router router) {
    router
        .route()
        .order(-900)
        .handler(
            ctx -> {
              HttpServerRequest request = ctx.request();
              if (request.method() != io.vertx.core.http.HttpMethod.OPTIONS
                  || request.getHeader("Access-Control-Request-Method") != null) {
                ctx.next();
                return;
              }
              Set<String> allowed = of(request.path());
              if (allowed.isEmpty()) {
                ctx.next();
                return;
              }
              HttpServerResponse response = ctx.response().setStatusCode(200);
              response.putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
              String patch = acceptPatch(request.path());
              if (patch != null) {
                response.putHeader(ACCEPT_PATCH, patch);
              }
              response.end();
            });
  }

  private static String normalise(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private List<Route> routes() {
    List<Route> known = routes;
    if (known == null) {
      known = new ArrayList<>();
      for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
        Class<?> type = bean.getBeanClass();
        Path base = type.getAnnotation(Path.class);
        if (base == null) {
          continue;
        }
        Consumes classConsumes = type.getAnnotation(Consumes.class);
        for (Method method : type.getMethods()) {
          String verb = verbOf(method);
          if (verb != null) {
            Path sub = method.getAnnotation(Path.class);
            Consumes consumes = method.getAnnotation(Consumes.class);
            if (consumes == null) {
              consumes = classConsumes;
            }
            String template = joined(base.value() + "/" + (sub == null ? "" : sub.value()));
            known.add(
                new Route(
                    template,
                    pattern(template),
                    verb,
                    consumes == null
                        ? List.of()
                        : Arrays.stream(consumes.value())
                            .flatMap(types -> Arrays.stream(types.split(",")))
                            .map(String::trim)
                            .toList()));
          }
        }
      }
      routes = known;
    }
    return known;
  }

  private static String verbOf(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** A resource's path joined with an operation's, without repeated or trailing slashes. */
  private static String joined(String paths) {
    String path = paths.replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** A path template ({@code /projects/{id}}, {@code {id: \d+}}) as a regular expression. */
  static Pattern pattern(String template) {
    String path = joined(template);
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c != '{') {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < path.length(); end++) {
        if (path.charAt(end) == '{') {
          depth++;
        } else if (path.charAt(end) == '}' && --depth == 0) {
          break;
        }
      }
      String variable = path.substring(i + 1, end);
      int colon = variable.indexOf(':');
      regex
          .append('(')
          .append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim())
          .append(')');
      i = end + 1;
    }
    return Pattern.compile(regex.toString());
  }
}
