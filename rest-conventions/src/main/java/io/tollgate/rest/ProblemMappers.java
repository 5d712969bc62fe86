package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.tollgate.eventing.DatabaseFailures;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem details, so that clients always get a body they can
 * read and a bad request never surfaces as a 500.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /**
   * How long a client is asked to wait before retrying while the database is unavailable, or after
   * its change lost to concurrent work on the same data.
   */
  static final int RETRY_AFTER_SECONDS = 5;

  private final AllowedMethods allowedMethods;
  private final AllViolations allViolations;
  private final CurrentVertxRequest http;
  private final ObjectMapper mapper;

  ProblemMappers(
      AllowedMethods allowedMethods,
      AllViolations allViolations,
      CurrentVertxRequest http,
      ObjectMapper mapper) {
    this.allowedMethods = allowedMethods;
    this.allViolations = allViolations;
    this.http = http;
    this.mapper = mapper;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.type(), e.getMessage(), uri, e.violations(), e.extensions());
  }

  @ServerExceptionMapper(priority = 1)
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::missingBody)) {
      // the validator would name the Java parameter ("request": must not be null)
      return respond(
          ProblemType.MALFORMED_BODY,
          "the request body must be a JSON object; it was empty or null",
          uri,
          List.of(),
          Map.of());
    }
    List<Problem.Violation> fields =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
            .toList();
    Set<String> reported =
        fields.stream().map(Problem.Violation::field).collect(Collectors.toSet());
    // the body's rules across fields too, on the fields not already refused: one answer lists
    // everything wrong with the request
    List<Problem.Violation> rules =
        e.getConstraintViolations().stream()
            .map(ConstraintViolation::getExecutableParameters)
            .filter(java.util.Objects::nonNull)
            .flatMap(java.util.Arrays::stream)
            .filter(CrossFieldRules.class::isInstance)
            .distinct()
            .flatMap(body -> ((CrossFieldRules) body).ruleViolations().stream())
            .filter(v -> !reported.contains(v.field()))
            .toList();
    List<Problem.Violation> violations =
        java.util.stream.Stream.concat(fields.stream(), rules.stream())
            .sorted(Comparator.comparing(Problem.Violation::field))
            .toList();
    String detail =
        violations.size() == 1
            ? "1 field is not valid"
            : violations.size() + " fields are not valid";
    return respond(ProblemType.VALIDATION, detail, uri, violations, Map.of());
  }

  @ServerExceptionMapper(priority = 1)
  public Response validation(ValidationException e, UriInfo uri) {
    if (e instanceof ConstraintViolationException cve) {
      return constraintViolation(cve, uri);
    }
    return respond(ProblemType.VALIDATION, e.getMessage(), uri, List.of(), Map.of());
  }

  @ServerExceptionMapper(priority = 1)
  public Response unreadableJson(JsonProcessingException e, UriInfo uri, ResourceInfo resource) {
    var violation = FieldErrors.violationOf(e);
    if (violation.isPresent()) {
      // the one Jackson stopped at, with every other the body has
      ProblemException all =
          ProblemException.invalid(bodyViolations(resource).orElse(List.of(violation.get())));
      return respond(all.type(), all.getMessage(), uri, all.violations(), Map.of());
    }
    return respond(ProblemType.MALFORMED_BODY, FieldErrors.malformed(e), uri, List.of(), Map.of());
  }

  /** Overrides Quarkus's built-in mapper for this subtype, which answers plain JSON. */
  @ServerExceptionMapper(priority = 1)
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri, ResourceInfo resource) {
    return unreadableJson(e, uri, resource);
  }

  /**
   * Every violation of the request's body, read again as its operation's body type ({@link
   * AllViolations}); empty when that cannot be done.
   */
  private Optional<List<Problem.Violation>> bodyViolations(ResourceInfo resource) {
    if (allViolations == null || resource == null || resource.getResourceMethod() == null) {
      return Optional.empty();
    }
    java.lang.reflect.Type type = bodyType(resource.getResourceMethod());
    RoutingContext request = http.getCurrent();
    if (type == null
        || request == null
        || request.body() == null
        || request.body().buffer() == null) {
      return Optional.empty();
    }
    try {
      JsonNode body = mapper.readTree(request.body().buffer().getBytes());
      return allViolations.of(body, mapper.getTypeFactory().constructType(type));
    } catch (java.io.IOException unreadable) {
      return Optional.empty();
    }
  }

  /** The type of a resource method's body: its parameter without a JAX-RS annotation. */
  private static java.lang.reflect.Type bodyType(Method method) {
    java.lang.reflect.Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      boolean annotated = false;
      for (Annotation annotation : parameters[i].getAnnotations()) {
        String owner = annotation.annotationType().getPackageName();
        annotated |= owner.startsWith("jakarta.ws.rs") || owner.startsWith("org.jboss.resteasy");
      }
      if (!annotated && parameters[i].getType() != JsonNode.class) {
        return parameters[i].getParameterizedType();
      }
    }
    return null;
  }

  @ServerExceptionMapper(priority = 1)
  public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
    return respond(
        ProblemType.PRECONDITION_FAILED,
        "the resource was changed concurrently; read it again and retry with its new ETag",
        uri,
        List.of(),
        Map.of());
  }

  /**
   * The database refused a change by one of its constraints. A unique or foreign key is a conflict
   * with data that exists (a duplicate key, say): 409. A check or not-null constraint means a value
   * that validation should have refused and let through: the request is at fault, so 400, logged,
   * since validation should have named the field. The transaction rolled back either way.
   */
  @ServerExceptionMapper(priority = 1)
  public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
    var kind = e.getKind();
    String state = e.getSQLState();
    if (kind == org.hibernate.exception.ConstraintViolationException.ConstraintKind.CHECK
        || kind == org.hibernate.exception.ConstraintViolationException.ConstraintKind.NOT_NULL
        // PostgreSQL's codes for the same, should a dialect not classify them
        || "23514".equals(state)
        || "23502".equals(state)) {
      LOG.warnf(
          "the database refused a value sent to %s by its constraint %s",
          uri == null ? "?" : uri.getPath(), e.getConstraintName());
      return respond(
          ProblemType.VALIDATION,
          "a value in the request cannot be stored: it breaks the rule " + e.getConstraintName(),
          uri,
          List.of(),
          Map.of());
    }
    return respond(
        ProblemType.CONFLICT,
        "the change conflicts with existing data (" + e.getConstraintName() + ")",
        uri,
        List.of(),
        Map.of());
  }

  /**
   * The database refused a value that validation let through (SQL state class 22: text it cannot
   * encode, a number or date out of its range): the request is at fault and its transaction is
   * rolled back, so this is a 400, not a 500. Logged, since validation should have named the field.
   */
  @ServerExceptionMapper(priority = 1)
  public Response unstorableValue(DataException e, UriInfo uri) {
    String reason = e.getSQLException() == null ? e.getMessage() : e.getSQLException().getMessage();
    reason = reason.lines().findFirst().orElse(reason).replaceFirst("^ERROR: ", "");
    LOG.warnf("the database refused a value sent to %s: %s", uri.getPath(), reason);
    return respond(
        ProblemType.VALIDATION,
        "a value in the request cannot be stored: " + reason,
        uri,
        List.of(),
        Map.of());
  }

  @ServerExceptionMapper(priority = 1)
  public Response webApplication(
      WebApplicationException e, UriInfo uri, HttpServerRequest request, ResourceInfo resource) {
    // Quarkus REST wraps a body that is not JSON into a bare 400
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableJson(unreadable, uri, resource);
    }
    int status = e.getResponse().getStatus();
    Set<String> allowed = Set.of();
    if (status == 404 || status == 405) {
      allowed = allowedMethods.of(uri.getPath());
      // Quarkus answers 404 for a method that a path does not take when another resource's path
      // is a prefix of it (PUT /projects/{id}/costs): the path exists, so it is a 405 (RFC 9110
      // 15.5.6); a 404 of a path that takes the method (an id that is no UUID) stays one
      if (status == 404 && !allowed.isEmpty() && !allowed.contains(request.method().name())) {
        status = 405;
      }
    }
    ProblemType type = ProblemType.forStatus(status);
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    String detail = detailOf(status, e, uri, request);
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(Problem.MEDIA_TYPE)
            .entity(problem(type, status, detail, uri, List.of(), Map.of()));
    // RFC 9110 requires Allow on a 405; Quarkus's own has none, or the methods of every path of
    // the resource class
    boolean ownAllow = status == 405 && !allowed.isEmpty();
    if (ownAllow) {
      builder.header(HttpHeaders.ALLOW, String.join(", ", allowed));
    }
    // RFC 5789 2.2: a PATCH in a media type the resource does not take says which it does
    if (status == 415 && request.method() == HttpMethod.PATCH) {
      String patch = allowedMethods.acceptPatch(uri.getPath());
      if (patch != null) {
        builder.header(AllowedMethods.ACCEPT_PATCH, patch);
      }
    }
    // keep headers such as WWW-Authenticate (401)
    e.getResponse()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !(ownAllow && name.equalsIgnoreCase(HttpHeaders.ALLOW))) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }

  /**
   * The routing failures worded for the client (Quarkus's own details quote {@code @Consumes} and
   * {@code @Produces}): what was sent, and what is expected instead.
   */
  private static String detailOf(
      int status, WebApplicationException e, UriInfo uri, HttpServerRequest request) {
    return switch (status) {
      case 404 -> "no resource at " + uri.getPath();
      case 405 -> request.method().name() + " is not supported on " + uri.getPath();
      case 406 ->
          "this operation answers in application/json, which the Accept header ("
              + request.getHeader(HttpHeaders.ACCEPT)
              + ") does not allow";
      case 415 -> {
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String expected =
            request.method() == HttpMethod.PATCH
                ? MergePatch.MEDIA_TYPE + " or application/json"
                : "application/json";
        yield (sent == null || sent.isBlank()
                ? "the request has no Content-Type"
                : "Content-Type " + sent + " is not supported here")
            + "; send the body as "
            + expected;
      }
      default -> e.getMessage();
    };
  }

  @ServerExceptionMapper(priority = 10)
  public Response unexpected(Throwable e, UriInfo uri) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof org.hibernate.exception.ConstraintViolationException cv) {
        return constraint(cv, uri);
      }
      if (cause instanceof OptimisticLockException ol) {
        return optimisticLock(ol, uri);
      }
      if (cause instanceof DataException data) {
        return unstorableValue(data, uri);
      }
      cause = cause.getCause();
    }
    if (cause instanceof org.hibernate.exception.ConstraintViolationException cv) {
      return constraint(cv, uri);
    }
    if (DatabaseFailures.unavailable(e)) {
      // an outage or a full pool, not a fault of this request: no stack trace per request, and a
      // status that the gateway's circuit breaker and clients' retries understand
      LOG.warnf("database unavailable for %s: %s", uri == null ? "?" : uri.getPath(), cause);
      return Response.fromResponse(
              respond(
                  ProblemType.UNAVAILABLE,
                  "the database cannot be reached just now; try again shortly",
                  uri,
                  List.of(),
                  Map.of()))
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .build();
    }
    if (DatabaseFailures.contended(e)) {
      // another transaction held the same rows for longer than the lock timeout, or PostgreSQL
      // broke a deadlock by cancelling this side: the transaction rolled back whole, and the same
      // request may well pass in a moment. That is the state of the data this request wants, not
      // the service failing, so a 409 and no 503: the gateway's circuit breaker counts a 503 as the
      // service failing (ADR 0004), and a few writes queued on one row would cut every caller off
      // the whole service
      LOG.warnf(
          "%s lost to concurrent work on the same data: %s",
          uri == null ? "?" : uri.getPath(), cause);
      return Response.fromResponse(
              respond(
                  ProblemType.CONTENDED,
                  "the change waited too long for concurrent work on the same data and was not"
                      + " made; the same request can be retried shortly",
                  uri,
                  List.of(),
                  Map.of()))
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.error("unexpected failure of " + (uri == null ? "?" : uri.getPath()), e);
    return respond(
        ProblemType.INTERNAL,
        "an unexpected error occurred; it has been logged",
        uri,
        List.of(),
        Map.of());
  }

  static Response respond(
      ProblemType type,
      String detail,
      UriInfo uri,
      List<Problem.Violation> violations,
      Map<String, Object> extensions) {
    return Response.status(type.status())
        .type(Problem.MEDIA_TYPE)
        .entity(problem(type, type.status(), detail, uri, violations, extensions))
        .build();
  }

  static Problem problem(
      ProblemType type,
      int status,
      String detail,
      UriInfo uri,
      List<Problem.Violation> violations,
      Map<String, Object> extensions) {
    String requestId = RequestIdContext.current();
    if (requestId != null && !extensions.containsKey("requestId")) {
      extensions = new java.util.LinkedHashMap<>(extensions);
      extensions.put("requestId", requestId);
    }
    return new Problem(
        type.uri(),
        type.title(),
        status,
        detail,
        uri == null ? null : Problem.instance(uri.getPath()),
        violations,
        extensions);
  }

  /**
   * The field a violation is about, as a client names it: {@code key}, {@code budget.amount},
   * {@code overriddenRuleIds[0]}; the resource method's name, its Java parameter names and the
   * validator's names of container elements ({@code <list element>}) left out. A violation of a
   * query or header parameter is named as the request names it.
   */
  static String fieldOf(ConstraintViolation<?> v) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    Method method = null;
    for (Path.Node node : v.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD -> method = methodOf(v.getRootBeanClass(), node.as(Path.MethodNode.class));
        case PARAMETER ->
            parameter = nameOf(method, node.as(Path.ParameterNode.class), node.getName());
        case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
          if (node.isInIterable()) {
            field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
            field.append(']');
          }
          if (node.getKind() == ElementKind.PROPERTY) {
            field.append(field.length() == 0 ? "" : ".").append(node.getName());
          }
        }
        default -> {
          // a constructor's, a return value's or cross-parameter constraints name no field
        }
      }
    }
    return field.length() > 0 || parameter == null ? field.toString() : parameter;
  }

  /**
   * Whether {@code v} says that a resource method's body is missing: its entity parameter (the one
   * without a JAX-RS annotation) is null, the body empty or the JSON {@code null}.
   */
  static boolean missingBody(ConstraintViolation<?> v) {
    Method method = null;
    Path.ParameterNode parameter = null;
    int nodes = 0;
    for (Path.Node node : v.getPropertyPath()) {
      nodes++;
      if (node.getKind() == ElementKind.METHOD) {
        method = methodOf(v.getRootBeanClass(), node.as(Path.MethodNode.class));
      } else if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.as(Path.ParameterNode.class);
      }
    }
    return nodes == 2
        && method != null
        && parameter != null
        && v.getInvalidValue() == null
        && nameOf(method, parameter, null) == null;
  }

  /**
   * The resource method a violation's path names, as its class declares it: the topmost
   * declaration, since the bean validated may be a subclass made for interceptors, whose override
   * carries no annotations.
   */
  private static Method methodOf(Class<?> type, Path.MethodNode node) {
    Class<?>[] parameters = node.getParameterTypes().toArray(Class<?>[]::new);
    Method declared = null;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        declared = c.getDeclaredMethod(node.getName(), parameters);
      } catch (NoSuchMethodException e) {
        // declared further up, or not at all
      }
    }
    return declared;
  }

  /**
   * The name the request gives a resource method's parameter ({@code @QueryParam("asOf")}), {@code
   * orElse} when it has no such annotation (the body) or the method is unknown.
   */
  private static String nameOf(Method method, Path.ParameterNode node, String orElse) {
    if (method == null || node.getParameterIndex() >= method.getParameterCount()) {
      return orElse;
    }
    for (Annotation annotation : method.getParameterAnnotations()[node.getParameterIndex()]) {
      if (annotation instanceof QueryParam query) {
        return query.value();
      }
      if (annotation instanceof HeaderParam header) {
        return header.value();
      }
      if (annotation instanceof PathParam path) {
        return path.value();
      }
      if (annotation instanceof RestQuery || annotation instanceof RestHeader) {
        return node.getName();
      }
    }
    return orElse;
  }
}
