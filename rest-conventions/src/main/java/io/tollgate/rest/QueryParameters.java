package io.tollgate.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks a request's query parameters against the operation it reached, before the resource sees
 * them, so that a mistake is a 400 naming the parameter instead of a silently different answer:
 *
 * <ul>
 *   <li>a name the operation does not take ({@code ?phse=EXECUTION}, a typo that would otherwise
 *       list every project unfiltered), just as an unknown field of a JSON body is refused;
 *   <li>a single-valued parameter given more than once ({@code ?page=1&page=2}: JAX-RS reads the
 *       first, a proxy or cache in front may key on the last);
 *   <li>a NUL character ({@code %00}), which PostgreSQL's text types cannot hold.
 * </ul>
 *
 * <p>What an operation takes is read once per resource method from its {@code @QueryParam} and
 * {@code @RestQuery} parameters, including the {@code @QueryParam}s of its {@code @BeanParam}
 * classes; a collection or array parameter may repeat.
 */
public class QueryParameters {

  /** The parameters one operation takes: by name, whether it may repeat. */
  record Declared(Map<String, Boolean> repeatable) {

    String names() {
      return repeatable.isEmpty() ? "none" : String.join(", ", new TreeSet<>(repeatable.keySet()));
    }
  }

  private final Map<Method, Declared> byMethod = new ConcurrentHashMap<>();

  @ServerRequestFilter
  public void check(UriInfo uri, ResourceInfo resource) {
    String query = uri.getRequestUri().getRawQuery();
    Method method = resource.getResourceMethod();
    if (query == null || query.isEmpty() || method == null) {
      return;
    }
    Declared declared = byMethod.computeIfAbsent(method, QueryParameters::declaredBy);
    List<Problem.Violation> violations = new ArrayList<>();
    uri.getQueryParameters()
        .forEach(
            (name, values) -> {
              Boolean repeatable = declared.repeatable().get(name);
              if (repeatable == null) {
                violations.add(
                    new Problem.Violation(
                        name,
                        "is not a parameter of this operation (it takes: "
                            + declared.names()
                            + ")"));
              } else if (!repeatable && values.size() > 1) {
                violations.add(
                    new Problem.Violation(
                        name, "is given " + values.size() + " times; give it at most once"));
              } else if (values.stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                violations.add(
                    new Problem.Violation(name, "must not contain the NUL character (%00)"));
              }
            });
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }

  static Declared declaredBy(Method method) {
    Map<String, Boolean> repeatable = new HashMap<>();
    for (Parameter parameter : method.getParameters()) {
      declare(parameter, parameter.getType(), repeatable);
      RestQuery query = parameter.getAnnotation(RestQuery.class);
      if (query != null) {
        // Quarkus REST's form: without a value it takes the parameter's name (javac -parameters)
        String name = query.value().isEmpty() ? parameter.getName() : query.value();
        repeatable.put(name, isCollection(parameter.getType()));
      }
      if (parameter.isAnnotationPresent(BeanParam.class)) {
        for (Class<?> c = parameter.getType();
            c != null && c != Object.class;
            c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            declare(field, field.getType(), repeatable);
          }
          for (Method setter : c.getDeclaredMethods()) {
            if (setter.getParameterCount() == 1) {
              declare(setter, setter.getParameterTypes()[0], repeatable);
            }
          }
        }
      }
    }
    return new Declared(Map.copyOf(repeatable));
  }

  private static void declare(
      AnnotatedElement element, Class<?> type, Map<String, Boolean> repeatable) {
    QueryParam query = element.getAnnotation(QueryParam.class);
    if (query != null) {
      repeatable.put(query.value(), isCollection(type));
    }
  }

  private static boolean isCollection(Class<?> type) {
    return Collection.class.isAssignableFrom(type) || type.isArray();
  }
}
