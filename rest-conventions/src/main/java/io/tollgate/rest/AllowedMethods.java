package io.tollgate.rest;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the service answers to, read once from its JAX-RS resources, for the
 * {@code Allow} header that RFC 9110 (15.5.6) requires on a 405: Quarkus answers that status
 * without one.
 */
@Singleton
public class AllowedMethods {

  private record Route(Pattern path, String method) {}

  private final BeanManager beans;
  private volatile List<Route> routes;

  AllowedMethods(BeanManager beans) {
    this.beans = beans;
  }

  /** The methods {@code path} answers to, with HEAD where it has GET, and OPTIONS; sorted. */
  public Set<String> of(String path) {
    String normalised =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
        for (Method method : type.getMethods()) {
          String verb = verbOf(method);
          if (verb != null) {
            Path sub = method.getAnnotation(Path.class);
            known.add(
                new Route(pattern(base.value() + "/" + (sub == null ? "" : sub.value())), verb));
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

  /** A path template ({@code /projects/{id}}, {@code {id: \d+}}) as a regular expression. */
  static Pattern pattern(String template) {
    String path = template.replaceAll("/+", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
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
