package io.tollgate.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed-input checks generated from a service's own OpenAPI document, so that a new operation
 * or field is covered the day it is added. Every JSON request body is sent with one property at a
 * time set to a value of the wrong type, null, empty, huge, unstorable text or an out-of-range
 * number, and as whole bodies that are not the object expected; every operation is called with bad
 * query parameters and with path parameters that are no id.
 *
 * <p>A request fails when it is answered with a 5xx, with a 4xx that is not {@code
 * application/problem+json} (the router's 404 and 405 included, as everywhere in this project),
 * after more than 10 s or not at all, when the service logs an ERROR for it although it answered
 * below 500, or when it is a write answered with an error that changed the stored state (see {@link
 * #stateOf}). A write answered 2xx is no failure (a merge patch that clears an optional field is
 * valid): it is listed in {@link Result#accepted}. HEAD is not sent: the document describes GETs,
 * not HEADs, and an error answer to a HEAD has no body to check.
 *
 * <pre>{@code
 * String project = "/api/v1/projects/" + projectId;
 * InputMatrix.Result result =
 *     InputMatrix.fromOpenApi()
 *         .as(bearer)
 *         .pathValue("id", projectId)
 *         .stateOf(project, project + "/history?size=1")
 *         .run();
 * assertTrue(result.failures().isEmpty(), String.join("\n", result.failures()));
 * }</pre>
 */
public final class InputMatrix {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  private static final String PROBLEM = "application/problem+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String PLACEHOLDER = "@@input-matrix-value@@";
  private static final long SLOW_MILLIS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The bad values put in one property: what each is called in a failure, and its JSON text. */
  private static final Map<String, String> BAD_VALUES = new LinkedHashMap<>();

  static {
    BAD_VALUES.put("null", "null");
    BAD_VALUES.put("empty string", "\"\"");
    BAD_VALUES.put("10000-character string", '"' + "a".repeat(10_000) + '"');
    BAD_VALUES.put("string with NUL", "\"a\\u0000b\"");
    BAD_VALUES.put("unpaired surrogate", "\"a\\ud800b\"");
    BAD_VALUES.put("1e400", "1e400");
    BAD_VALUES.put("-1e400", "-1e400");
    BAD_VALUES.put("1e-400", "1e-400");
    BAD_VALUES.put("30-digit integer", "123456789012345678901234567890");
    BAD_VALUES.put("-0", "-0");
    BAD_VALUES.put("2000 nested arrays", "[".repeat(2000) + "]".repeat(2000));
  }

  /** One value of each JSON type, for the wrong-type variants. */
  private static final Map<String, String> ONE_OF_EACH_TYPE = new LinkedHashMap<>();

  /** What a path parameter is set to instead of an id. */
  private static final Map<String, String> NO_IDS = new LinkedHashMap<>();

  static {
    ONE_OF_EACH_TYPE.put("string", "\"x\"");
    ONE_OF_EACH_TYPE.put("number", "12345");
    ONE_OF_EACH_TYPE.put("boolean", "true");
    ONE_OF_EACH_TYPE.put("object", "{}");
    ONE_OF_EACH_TYPE.put("array", "[]");
    NO_IDS.put("x", "x");
    NO_IDS.put("%20", "%20");
    NO_IDS.put("300 characters", "a".repeat(300));
  }

  /** One operation of the document, with what it takes; {@code bodySchema} with its $ref read. */
  public record Operation(
      String method,
      String pathTemplate,
      List<JsonNode> parameters,
      String bodyMediaType,
      JsonNode bodySchema) {

    public boolean isWrite() {
      return WRITES.contains(method);
    }

    public boolean hasBody() {
      return bodySchema != null;
    }

    /** The path parameters, in the order the template names them. */
    public List<String> pathParameters() {
      List<String> names = new ArrayList<>();
      Matcher m = PARAM.matcher(pathTemplate);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }

    /** Whether the request body's schema (its descriptions included) mentions {@code word}. */
    public boolean bodyMentions(String word) {
      return bodySchema != null && bodySchema.toString().contains(word);
    }

    @Override
    public String toString() {
      return method + " " + pathTemplate;
    }
  }

  /**
   * What a run found.
   *
   * @param failures one line per request that broke a rule; empty when all passed
   * @param accepted the writes answered 2xx: a variant the API takes as valid (null clearing an
   *     optional field, say), not a failure
   * @param skipped what the run could not cover, and why
   * @param finalState the state fingerprint after the last request, which a refused write must not
   *     have changed; equal to the fingerprint before the run when no write was accepted
   * @param millis how long the run took
   */
  public record Result(
      int operations,
      int requests,
      List<String> failures,
      List<String> accepted,
      List<String> skipped,
      String initialState,
      String finalState,
      long millis) {}

  private final JsonNode document;
  private final List<Operation> operations;
  private final Map<String, String> pathValues = new HashMap<>();
  private final Map<String, String> bodies = new HashMap<>();
  private String bearer;
  private Supplier<String> state = () -> "";
  private Predicate<Operation> include = op -> true;

  private InputMatrix(JsonNode document) {
    this.document = document;
    this.operations = readOperations(document);
  }

  /** The matrix of the running service's {@code /q/openapi}. */
  public static InputMatrix fromOpenApi() {
    String json = given().queryParam("format", "json").get("/q/openapi").asString();
    try {
      return new InputMatrix(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends every request with this {@code Authorization} header ({@code "Bearer ..."}). */
  public InputMatrix as(String bearer) {
    this.bearer = bearer;
    return this;
  }

  /**
   * The value of a path parameter, e.g. {@code "id"} and the project to work in. A parameter with
   * no value is filled with a resource the matrix creates (see {@link #run}) or a random UUID.
   */
  public InputMatrix pathValue(String name, Object value) {
    pathValues.put(name, String.valueOf(value));
    return this;
  }

  /**
   * The valid body the variants of {@code operation} ({@code "POST /api/v1/projects"}) start from,
   * instead of its schema's example: e.g. one whose key is taken, so that no variant creates.
   */
  public InputMatrix body(String operation, String json) {
    bodies.put(operation, json);
    return this;
  }

  /**
   * What the stored state is read from, before and after each write: a write answered with an error
   * must not change it. Each path is read with a GET, and its status, its {@code ETag} and, for a
   * page, its {@code totalItems} make the fingerprint: e.g. a project (its version) and its history
   * ({@code .../history?size=1}, the number of changes recorded).
   */
  public InputMatrix stateOf(String... paths) {
    List<String> read = List.of(paths);
    this.state =
        () -> {
          StringBuilder fingerprint = new StringBuilder();
          for (String path : read) {
            Answer a = get(path);
            JsonNode total = a.status() == 200 ? readTree(a.body()).path("totalItems") : null;
            fingerprint
                .append(fingerprint.isEmpty() ? "" : ", ")
                .append(path)
                .append(": ")
                .append(a.status())
                .append(a.header("ETag") == null ? "" : " ETag " + a.header("ETag"))
                .append(total == null || total.isMissingNode() ? "" : " totalItems " + total);
          }
          return fingerprint.toString();
        };
    return this;
  }

  /** Runs only the operations {@code which} accepts. */
  public InputMatrix only(Predicate<Operation> which) {
    this.include = which;
    return this;
  }

  public List<Operation> operations() {
    return operations;
  }

  /**
   * Sends every variant, one request at a time.
   *
   * <p>An operation on a sub-resource ({@code PATCH .../stakeholders/{stakeholderId}}) needs one
   * that exists, or every variant ends at the 404 before its body is read: the matrix creates one
   * by sending the schema's example (or the {@link #body} given) to the POST of the collection
   * ({@code .../stakeholders}). Where there is no such POST, or it does not create (a phase
   * transition's example is not a move the project can make), the parameter is a random UUID and
   * the operation's body variants are skipped, since all they would reach is that 404; its path and
   * query variants still run.
   */
  public Result run() {
    Run run = new Run();
    long started = System.nanoTime();
    Logger root = Logger.getLogger("");
    root.addHandler(run.errors);
    try {
      run.initialState = state.get();
      run.currentState = run.initialState;
      // sub-resources are created before any variant runs, while their examples are still valid
      // (a variant accepted by a collection's POST could take a name an example needs)
      for (Operation op : operations) {
        if (include.test(op)) {
          op.pathParameters().forEach(name -> resolve(run, name, op.pathTemplate()));
        }
      }
      for (Operation op : operations) {
        if (include.test(op)) {
          run.operations++;
          runOperation(run, op);
        }
      }
      String finalState = state.get();
      return new Result(
          run.operations,
          run.requests,
          run.failures,
          run.accepted,
          run.skipped,
          run.initialState,
          finalState,
          (System.nanoTime() - started) / 1_000_000);
    } finally {
      root.removeHandler(run.errors);
    }
  }

  private void runOperation(Run run, Operation op) {
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (String name : op.pathParameters()) {
      String value = resolve(run, name, op.pathTemplate());
      if (value == null) {
        unresolved.add(name);
        value = UUID.randomUUID().toString();
      }
      ids.put(name, value);
    }
    String path = fill(op.pathTemplate(), ids);

    // path parameters that are no id, one at a time
    for (String name : op.pathParameters()) {
      for (Map.Entry<String, String> bad : NO_IDS.entrySet()) {
        Map<String, String> with = new LinkedHashMap<>(ids);
        with.put(name, bad.getValue());
        String body = op.hasBody() ? text(baseBody(op)) : null;
        send(
            run,
            op,
            "path " + name + " = " + bad.getKey(),
            fill(op.pathTemplate(), with),
            op.hasBody() ? op.bodyMediaType() : null,
            body,
            op.isWrite() && !op.method().equals("POST") ? "\"0\"" : null);
      }
    }

    // query parameters, one at a time, each alone
    for (JsonNode parameter : op.parameters()) {
      if (!"query".equals(parameter.path("in").asText())) {
        continue;
      }
      String name = parameter.path("name").asText();
      for (Map.Entry<String, String> bad : badQueryValues(kindOf(parameter.path("schema")))) {
        String query =
            bad.getValue().replace("{name}", URLEncoder.encode(name, StandardCharsets.UTF_8));
        send(run, op, "query " + name + " = " + bad.getKey(), path + "?" + query, null, null, null);
      }
    }
    if (op.method().equals("GET")) {
      send(run, op, "unknown query parameter", path + "?notAParameter=1", null, null, null);
    }

    if (!op.hasBody()) {
      return;
    }
    if (!unresolved.isEmpty()) {
      run.skipped.add(
          op
              + ": body variants skipped, no "
              + String.join(", ", unresolved)
              + " could be created, so they would only reach its 404");
      return;
    }
    // an ETag read for an earlier operation may have changed since (a new measurement changes
    // its KPI's)
    run.etags.clear();
    bodyVariants(run, op, path);
  }

  private void bodyVariants(Run run, Operation op, String path) {
    ObjectNode base = baseBody(op);
    String type = op.bodyMediaType();
    boolean patch = type.equals(MERGE_PATCH);
    String baseText = text(base);

    // whole bodies
    Map<String, String> whole = new LinkedHashMap<>();
    whole.put("body []", "[]");
    whole.put("body \"x\"", "\"x\"");
    whole.put("body null", "null");
    whole.put("body {}", "{}");
    whole.put("empty body", "");
    whole.put("truncated body {", "{");
    whole.put("truncated body", baseText.substring(0, Math.max(1, baseText.length() / 2)));
    whole.put("2000 nested arrays as body", "[".repeat(2000) + "]".repeat(2000));
    whole.put("duplicate key", duplicateKey(op, base));
    whole.put("unknown property", withRaw(base, List.of("notAProperty"), "1"));
    for (Map.Entry<String, String> v : whole.entrySet()) {
      sendWrite(run, op, v.getKey(), path, type, v.getValue());
    }
    sendWrite(run, op, "Content-Type text/plain", path, "text/plain", baseText);

    // one property at a time
    for (PropertyPath property : properties(op.bodySchema(), List.of(), 0)) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, String> t : ONE_OF_EACH_TYPE.entrySet()) {
        if (!sameType(property.kind(), t.getKey())) {
          values.put("wrong type " + t.getKey(), t.getValue());
        }
      }
      if (property.kind().equals("integer")) {
        values.put("fraction", "1.5");
      }
      values.putAll(BAD_VALUES);
      if (property.kind().equals("object")) {
        values.put("unknown nested property", null);
      }
      // a merge patch holds the bad property alone, so that nothing else in it is valid to apply;
      // a create needs every other field valid, so that the bad one is what is read
      ObjectNode start = patch ? JSON.createObjectNode() : base;
      for (Map.Entry<String, String> v : values.entrySet()) {
        String body =
            v.getValue() == null
                ? withRaw(
                    nestedBase(start, op, property.path()),
                    append(property.path(), "notAProperty"),
                    "1")
                : withRaw(nestedBase(start, op, property.path()), property.path(), v.getValue());
        sendWrite(
            run, op, String.join(".", property.path()) + " = " + v.getKey(), path, type, body);
      }
    }
  }

  /** A merge patch sets a nested property inside the example's object, so that it is read. */
  private ObjectNode nestedBase(ObjectNode start, Operation op, List<String> path) {
    ObjectNode copy = start.deepCopy();
    if (path.size() > 1 && !copy.path(path.get(0)).isObject()) {
      JsonNode example = exampleOf(resolve(op.bodySchema()).path("properties").path(path.get(0)));
      copy.set(path.get(0), example.isObject() ? example : JSON.createObjectNode());
    }
    return copy;
  }

  private void sendWrite(
      Run run, Operation op, String variant, String path, String type, String body) {
    String ifMatch = null;
    if (op.method().equals("PATCH") || op.method().equals("PUT")) {
      ifMatch = run.etags.computeIfAbsent(path, this::etagOf);
    }
    Answer a = send(run, op, variant, path, type, body, ifMatch);
    if (a != null && a.status() < 300 && a.header("ETag") != null) {
      run.etags.put(path, a.header("ETag"));
    }
  }

  /**
   * One request: checks its answer, and for a write the state before and after it.
   *
   * @return the answer, or {@code null} when none came
   */
  private Answer send(
      Run run,
      Operation op,
      String variant,
      String path,
      String contentType,
      String body,
      String ifMatch) {
    String what = op + " [" + variant + "] " + path(path);
    run.requests++;
    run.errors.records.clear();
    long started = System.nanoTime();
    Answer answer;
    try {
      answer = exchange(op.method(), path, contentType, body, ifMatch);
    } catch (IOException e) {
      long waited = (System.nanoTime() - started) / 1_000_000;
      run.failures.add(what + ": no answer after " + waited + " ms: " + e + logged(run));
      if (op.isWrite()) {
        run.currentState = state.get();
      }
      return null;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int status = answer.status();
    String typeAnswered = answer.header("Content-Type");
    String summary = status + " (" + typeAnswered + ") in " + millis + " ms";
    String bodyStart = snippet(answer.body());
    List<String> problems = new ArrayList<>();
    if (status >= 500) {
      problems.add("a server error");
    } else if (status >= 400
        && (typeAnswered == null || !typeAnswered.toLowerCase(Locale.ROOT).startsWith(PROBLEM))) {
      problems.add("an error that is not " + PROBLEM);
    }
    if (millis > SLOW_MILLIS) {
      problems.add("slower than " + SLOW_MILLIS / 1000 + " s");
    }
    if (status < 500 && !run.errors.records.isEmpty()) {
      problems.add("a client's mistake logged as an ERROR");
    }
    if (!problems.isEmpty()) {
      run.failures.add(
          what
              + " answered "
              + summary
              + ": "
              + String.join(", ", problems)
              + ": "
              + bodyStart
              + logged(run));
    }
    if (op.isWrite()) {
      String after = state.get();
      if (status >= 300 && !after.equals(run.currentState)) {
        run.failures.add(
            what
                + " answered "
                + summary
                + " but changed the stored state from "
                + run.currentState
                + " to "
                + after
                + ": "
                + bodyStart);
      } else if (status < 300) {
        run.accepted.add(what + " answered " + status + ": " + bodyStart);
      }
      run.currentState = after;
    }
    return answer;
  }

  /** An HTTP answer: its status, headers and body. */
  private record Answer(int status, HttpHeaders headers, String body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * Sends one request as built: the path and query are not encoded again ({@code %20} reaches the
   * server as {@code %20}), the content type has no charset added, and one connection is kept alive
   * across requests, so the matrix runs in seconds, not minutes.
   */
  private Answer exchange(
      String method, String path, String contentType, String body, String ifMatch)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri() + path))
            // a request that hangs is reported, not waited for for ever
            .timeout(Duration.ofMillis(SLOW_MILLIS + 1_000))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(
                        body.getBytes(StandardCharsets.UTF_8)));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Where REST Assured sends its requests: the application under test. */
  private static String baseUri() {
    return RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath;
  }

  private String etagOf(String path) {
    Answer a = get(path);
    return a.status() == 200 && a.header("ETag") != null ? a.header("ETag") : "\"0\"";
  }

  private Answer get(String path) {
    try {
      return exchange("GET", path, null, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The value of path parameter {@code name}: given, created earlier, or created now by POSTing a
   * valid body to the collection it is the id of; {@code null} when none can be.
   */
  private String resolve(Run run, String name, String template) {
    if (pathValues.containsKey(name)) {
      return pathValues.get(name);
    }
    if (run.created.containsKey(name)) {
      return run.created.get(name);
    }
    int at = template.indexOf("/{" + name + "}");
    String collection = at < 0 ? null : template.substring(0, at);
    Operation create =
        operations.stream()
            .filter(
                o ->
                    o.method().equals("POST") && o.pathTemplate().equals(collection) && o.hasBody())
            .findFirst()
            .orElse(null);
    String id = null;
    if (create != null) {
      Map<String, String> ids = new HashMap<>();
      boolean complete = true;
      for (String outer : create.pathParameters()) {
        String value = resolve(run, outer, collection);
        complete &= value != null;
        ids.put(outer, value);
      }
      if (complete) {
        String path = fill(collection, ids);
        Answer a;
        try {
          a = exchange("POST", path, create.bodyMediaType(), text(baseBody(create)), null);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        run.requests++;
        if (a.status() / 100 == 2) {
          JsonNode made = readTree(a.body());
          id = made.path("id").isTextual() ? made.path("id").asText() : lastSegment(a);
          // what was created is stored state the writes after it may not change
          run.currentState = state.get();
        } else {
          run.skipped.add(
              "could not create a "
                  + name
                  + " for "
                  + template
                  + ": POST "
                  + collection
                  + " answered "
                  + a.status()
                  + ": "
                  + snippet(a.body()));
        }
      }
    }
    run.created.put(name, id);
    return id;
  }

  private static String lastSegment(Answer a) {
    String location = a.header("Location");
    return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
  }

  /** The body the variants of {@code op} start from: given, or its schema's example. */
  private ObjectNode baseBody(Operation op) {
    String given = bodies.get(op.toString());
    JsonNode body = given != null ? readTree(given) : exampleOf(op.bodySchema());
    return body.isObject() ? (ObjectNode) body.deepCopy() : JSON.createObjectNode();
  }

  /** The schema's example, or a value made from its properties when it has none. */
  private JsonNode exampleOf(JsonNode schema) {
    JsonNode s = resolve(schema);
    if (s.path("examples").isArray() && !s.path("examples").isEmpty()) {
      return s.path("examples").get(0);
    }
    if (s.has("example")) {
      return s.path("example");
    }
    if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
      return schema.path("examples").get(0);
    }
    if (s.path("enum").isArray() && !s.path("enum").isEmpty()) {
      return s.path("enum").get(0);
    }
    return switch (kindOf(s)) {
      case "object" -> {
        ObjectNode o = JSON.createObjectNode();
        for (JsonNode required : s.path("required")) {
          o.set(required.asText(), exampleOf(s.path("properties").path(required.asText())));
        }
        yield o;
      }
      case "array" -> JSON.createArrayNode();
      case "integer" -> JSON.getNodeFactory().numberNode(Math.max(1, s.path("minimum").asInt(1)));
      case "number" -> JSON.getNodeFactory().numberNode(1);
      case "boolean" -> JSON.getNodeFactory().booleanNode(false);
      default ->
          JSON.getNodeFactory()
              .textNode(
                  switch (s.path("format").asText()) {
                    case "date" -> "2026-01-05";
                    case "date-time" -> "2026-01-05T00:00:00Z";
                    case "uuid" -> UUID.randomUUID().toString();
                    default -> "x";
                  });
    };
  }

  /** A property of a body, by its path from the top, and its JSON type. */
  private record PropertyPath(List<String> path, String kind) {}

  /** The properties of an object schema, and those of the objects in it (two levels deep). */
  private List<PropertyPath> properties(JsonNode schema, List<String> prefix, int depth) {
    List<PropertyPath> found = new ArrayList<>();
    JsonNode s = resolve(schema);
    for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
      List<String> path = append(prefix, property.getKey());
      String kind = kindOf(property.getValue());
      found.add(new PropertyPath(path, kind));
      if (kind.equals("object") && depth < 1) {
        found.addAll(properties(property.getValue(), path, depth + 1));
      }
    }
    return found;
  }

  /** {@code base} with the property at {@code path} set to raw JSON text {@code value}. */
  private static String withRaw(ObjectNode base, List<String> path, String value) {
    ObjectNode copy = base.deepCopy();
    ObjectNode parent = copy;
    for (String name : path.subList(0, path.size() - 1)) {
      if (!parent.path(name).isObject()) {
        parent.set(name, JSON.createObjectNode());
      }
      parent = (ObjectNode) parent.get(name);
    }
    parent.put(path.get(path.size() - 1), PLACEHOLDER);
    return text(copy).replace('"' + PLACEHOLDER + '"', value);
  }

  /** The base body with its first property written twice. */
  private String duplicateKey(Operation op, ObjectNode base) {
    String name;
    JsonNode value;
    if (base.size() > 0) {
      name = base.fieldNames().next();
      value = base.get(name);
    } else {
      Iterator<Map.Entry<String, JsonNode>> it =
          resolve(op.bodySchema()).path("properties").properties().iterator();
      if (!it.hasNext()) {
        return "{\"a\":1,\"a\":2}";
      }
      Map.Entry<String, JsonNode> first = it.next();
      name = first.getKey();
      value = exampleOf(first.getValue());
    }
    ObjectNode rest = base.deepCopy();
    rest.remove(name);
    String inner = text(rest);
    inner = inner.substring(1, inner.length() - 1);
    String pair = text(JSON.getNodeFactory().textNode(name)) + ":" + text(value);
    return "{" + pair + "," + pair + (inner.isEmpty() ? "" : "," + inner) + "}";
  }

  private static List<Map.Entry<String, String>> badQueryValues(String kind) {
    Map<String, String> values = new LinkedHashMap<>();
    switch (kind) {
      case "integer", "number" -> {
        values.put("wrong type", "{name}=abc");
        values.put("fraction", "{name}=1.5");
        values.put("-1", "{name}=-1");
        values.put("0", "{name}=0");
        values.put("20-digit number", "{name}=99999999999999999999");
        values.put("1e400", "{name}=1e400");
      }
      case "boolean" -> values.put("wrong type", "{name}=yes");
      default -> {
        values.put("wrong value", "{name}=x");
        values.put("number", "{name}=-1");
      }
    }
    values.put("empty", "{name}=");
    // a request line over quarkus.http.limits.max-initial-line-length (4,096 bytes) is refused by
    // Vert.x's HTTP codec with a bare 414 before any route runs, out of the service's reach; a long
    // value below that line is the service's to answer
    values.put("3000 characters", "{name}=" + "a".repeat(3_000));
    values.put("1000 characters", "{name}=" + "a".repeat(1_000));
    values.put("NUL", "{name}=a%00b");
    values.put("invalid UTF-8", "{name}=a%ED%A0%80b");
    values.put("given twice", "{name}=1&{name}=2");
    return new ArrayList<>(values.entrySet());
  }

  private static boolean sameType(String kind, String type) {
    return kind.equals(type) || (kind.equals("integer") && type.equals("number"));
  }

  /** The JSON type a schema describes: string, number, integer, boolean, object or array. */
  private String kindOf(JsonNode schema) {
    JsonNode s = resolve(schema);
    JsonNode type = s.has("type") ? s.path("type") : schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    if (type.isTextual()) {
      return type.asText();
    }
    return s.has("properties") ? "object" : "string";
  }

  /** The schema a {@code $ref} names, with its {@code allOf} parts merged; else the schema. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int i = 0; i < 10 && s.has("$ref"); i++) {
      String ref = s.path("$ref").asText();
      s = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
    }
    if (s.has("allOf")) {
      ObjectNode merged = JSON.createObjectNode();
      ObjectNode properties = merged.putObject("properties");
      for (JsonNode part : s.path("allOf")) {
        JsonNode p = resolve(part);
        merged.setAll((ObjectNode) p.deepCopy());
        properties.setAll((ObjectNode) p.path("properties").deepCopy());
      }
      merged.set("properties", properties);
      return merged;
    }
    return s;
  }

  private List<Operation> readOperations(JsonNode document) {
    List<Operation> found = new ArrayList<>();
    JsonNode paths = document.path("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      JsonNode item = paths.path(path);
      for (Iterator<String> methods = item.fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonNode spec = item.path(method);
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(p -> parameters.add(resolve(p)));
        spec.path("parameters").forEach(p -> parameters.add(resolve(p)));
        String mediaType = null;
        JsonNode schema = null;
        JsonNode content = resolve(spec.path("requestBody")).path("content");
        // a merge patch is sent as one, where it is offered; otherwise the first JSON type
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        for (String type : types) {
          if (type.equals(MERGE_PATCH) || (mediaType == null && type.contains("json"))) {
            mediaType = type;
          }
        }
        if (mediaType != null) {
          schema = resolve(content.path(mediaType).path("schema"));
        }
        found.add(
            new Operation(
                method.toUpperCase(Locale.ROOT), path, List.copyOf(parameters), mediaType, schema));
      }
    }
    return List.copyOf(found);
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> append(List<String> path, String name) {
    List<String> longer = new ArrayList<>(path);
    longer.add(name);
    return longer;
  }

  /** A path for a failure line: long runs of one character shortened. */
  private static String path(String path) {
    return path.replaceAll("(.)\\1{19,}", "$1$1$1…");
  }

  private static String snippet(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }

  private static String logged(Run run) {
    if (run.errors.records.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (LogRecord record : run.errors.records) {
      out.append("\n    logged ")
          .append(record.getLoggerName())
          .append(": ")
          .append(record.getMessage());
      Throwable cause = record.getThrown();
      while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      if (cause != null) {
        out.append("\n      caused by ").append(cause);
        StackTraceElement[] frames = cause.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
          out.append("\n        at ").append(frames[i]);
        }
      }
    }
    return out.toString();
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ERROR records the service logs while the matrix runs (it runs in the test's JVM). */
  private static final class ErrorLog extends Handler {
    final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** The bookkeeping of one run. */
  private static final class Run {
    final List<String> failures = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final Map<String, String> created = new HashMap<>();
    final Map<String, String> etags = new HashMap<>();
    final ErrorLog errors = new ErrorLog();
    int operations;
    int requests;
    String initialState;
    String currentState;
  }
}
