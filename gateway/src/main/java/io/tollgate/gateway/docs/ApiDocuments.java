package io.tollgate.gateway.docs;

import io.tollgate.gateway.config.RouteTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Merges the services' OpenAPI documents into the one a client of the gateway reads: each service's
 * operations under the paths the gateway routes to it, and its components beside the others'. Two
 * services that define a component of the same name identically share it (the {@code Problem}
 * schema of rest-conventions); a different one is renamed {@code service_Name} in that service's
 * document, references included. An operation whose {@code operationId} an earlier one already has
 * (the gateway's own come first, then the services' in order) gets the service's name in front of
 * it in camelCase ({@code listItems} becomes {@code milestoneServiceListItems}), so that a client
 * generated from the document has one method per operation. Every operation then gets what the
 * gateway itself adds to it (its headers and its own failure answers).
 */
public final class ApiDocuments {

  // the component kinds of OpenAPI 3.x; each is a map of name -> definition
  private static final List<String> COMPONENT_KINDS =
      List.of(
          "schemas",
          "responses",
          "parameters",
          "examples",
          "requestBodies",
          "headers",
          "securitySchemes",
          "links",
          "callbacks",
          "pathItems");

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> BODY_METHODS = Set.of("put", "post", "patch");

  // the headers the gateway puts on every answer (GatewayRouter.addResponseHeaders)
  private static final List<String> EVERY_ANSWER =
      List.of("X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

  private ApiDocuments() {}

  /**
   * The merged document.
   *
   * @param own the gateway's own operations (a document of the same shape)
   * @param services each service's document by service name, in the order to merge them
   * @param missing the services whose document could not be read, with the reason
   */
  public static JsonObject merge(
      JsonObject own,
      SortedMap<String, JsonObject> services,
      SortedMap<String, String> missing,
      RouteTable routes) {
    JsonObject merged =
        new JsonObject()
            .put("openapi", own.getString("openapi", "3.1.0"))
            .put("info", own.getJsonObject("info", new JsonObject()).copy())
            // the gateway's own (relative, "/"): a client calls every path on the origin it read
            // the document from, never a service's address, which the services' documents lack
            .put("servers", own.getJsonArray("servers", new JsonArray()).copy())
            .put("security", own.getJsonArray("security", new JsonArray()).copy())
            .put("paths", new JsonObject())
            .put("components", new JsonObject())
            .put("tags", new JsonArray());
    add(merged, "gateway", own.copy(), null);
    services.forEach((service, document) -> add(merged, service, document.copy(), routes));
    if (merged.getJsonArray("tags").isEmpty()) {
      merged.remove("tags");
    }
    if (!missing.isEmpty()) {
      merged.put("x-tollgate-missing", new JsonObject(Map.copyOf(missing)));
    }
    documentGatewayAnswers(merged, own.getJsonObject("paths", new JsonObject()).fieldNames());
    return merged;
  }

  /**
   * What the gateway adds to every operation: the headers it puts on every answer ({@code
   * X-Request-Id}, {@code RateLimit-*}), its 429 and 503, and, for a path it forwards, its 502 and
   * 504 (and 408 where a request has a body). Their definitions are in the gateway's own document.
   * A forwarded operation whose service documents a 503 of its own gets one 503 that says both.
   */
  private static void documentGatewayAnswers(JsonObject merged, Set<String> ownPaths) {
    JsonObject responses = merged.getJsonObject("components").getJsonObject("responses");
    if (responses != null) {
      responses.forEach(r -> addHeaders((JsonObject) r.getValue()));
    }
    JsonObject paths = merged.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonObject answers = item.getJsonObject(method).getJsonObject("responses");
        if (answers == null) {
          continue;
        }
        answers.forEach(
            a -> {
              JsonObject answer = (JsonObject) a.getValue();
              if (!answer.containsKey("$ref")) {
                addHeaders(answer);
              }
            });
        Map<String, String> own = new LinkedHashMap<>();
        own.put("429", "GatewayTooManyRequests");
        own.put("503", "GatewayUnavailable");
        if (!ownPaths.contains(path)) {
          own.put("502", "GatewayBadGateway");
          own.put("504", "GatewayTimeout");
          if (BODY_METHODS.contains(method)) {
            // a body that stops arriving is the client's failure, not the service's
            own.put("408", "GatewayRequestTimeout");
          }
        }
        if (!ownPaths.contains(path) && answers.containsKey("503")) {
          // the service's own 503 (its database cannot be reached) and the gateway's (the
          // service's circuit is open) share the status: one answer must say both
          answers.put("503", eitherUnavailable(answers.getJsonObject("503"), responses));
        }
        own.forEach(
            (status, name) -> {
              if (!answers.containsKey(status)) {
                answers.put(status, new JsonObject().put("$ref", "#/components/responses/" + name));
              }
            });
        // the gateway checks the request's head before it forwards it, with its own limits
        answers.put(
            "414", new JsonObject().put("$ref", "#/components/responses/GatewayUriTooLong"));
        answers.put(
            "431",
            new JsonObject().put("$ref", "#/components/responses/GatewayHeaderFieldsTooLarge"));
      }
    }
  }

  /**
   * A forwarded operation's 503, when the service documents one of its own: either the service's
   * (in its words) or the gateway's open circuit for that service, both problem details with {@code
   * Retry-After}.
   */
  private static JsonObject eitherUnavailable(JsonObject theirs, JsonObject responses) {
    JsonObject service = theirs;
    String ref = theirs.getString("$ref");
    if (ref != null) {
      if (ref.startsWith("#/components/responses/Gateway")) {
        return theirs; // already the gateway's
      }
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      service =
          responses == null || responses.getJsonObject(name) == null
              ? new JsonObject()
              : responses.getJsonObject(name);
    }
    String said = service.getString("description", "").strip();
    if (!said.isEmpty() && !said.endsWith(".")) {
      said += ".";
    }
    JsonObject gatewayProblem = new JsonObject().put("$ref", "#/components/schemas/GatewayProblem");
    Object theirSchema =
        service
            .getJsonObject("content", new JsonObject())
            .getJsonObject("application/problem+json", new JsonObject())
            .getValue("schema");
    Object schema =
        theirSchema == null || theirSchema.equals(gatewayProblem)
            ? gatewayProblem
            : new JsonObject().put("anyOf", new JsonArray().add(theirSchema).add(gatewayProblem));
    JsonObject headers = service.getJsonObject("headers", new JsonObject()).copy();
    headers.put("Retry-After", new JsonObject().put("$ref", "#/components/headers/Retry-After"));
    JsonObject answer =
        new JsonObject()
            .put(
                "description",
                "Either the service's answer: "
                    + (said.isEmpty() ? "it cannot serve the request just now." : said)
                    + " Or the gateway's: the service's circuit is open after repeated failures,"
                    + " and nothing was sent to it (detail names the service). Both are problem"
                    + " details with Retry-After, the seconds to wait before trying again.")
            .put("headers", headers)
            .put(
                "content",
                new JsonObject()
                    .put("application/problem+json", new JsonObject().put("schema", schema)));
    addHeaders(answer);
    return answer;
  }

  private static void addHeaders(JsonObject answer) {
    JsonObject headers = answer.getJsonObject("headers");
    if (headers == null) {
      headers = new JsonObject();
      answer.put("headers", headers);
    }
    for (String header : EVERY_ANSWER) {
      if (!headers.containsKey(header)) {
        headers.put(header, new JsonObject().put("$ref", "#/components/headers/" + header));
      }
    }
  }

  private static void add(
      JsonObject merged, String service, JsonObject document, RouteTable routes) {
    JsonObject components = document.getJsonObject("components", new JsonObject());
    JsonObject target = merged.getJsonObject("components");
    Map<String, String> renamed = new HashMap<>();
    for (String kind : COMPONENT_KINDS) {
      JsonObject theirs = components.getJsonObject(kind);
      if (theirs == null) {
        continue;
      }
      JsonObject ours = target.getJsonObject(kind);
      if (ours == null) {
        ours = new JsonObject();
        target.put(kind, ours);
      }
      for (String name : theirs.fieldNames()) {
        Object existing = ours.getValue(name);
        if (existing != null && !existing.equals(theirs.getValue(name))) {
          renamed.put(
              "#/components/" + kind + "/" + name,
              "#/components/" + kind + "/" + service + "_" + name);
        }
      }
    }
    // rewrite the references first, so that renamed components refer to each other correctly
    JsonObject rewritten = renamed.isEmpty() ? document : (JsonObject) rewrite(document, renamed);
    JsonObject rewrittenComponents = rewritten.getJsonObject("components", new JsonObject());
    for (String kind : COMPONENT_KINDS) {
      JsonObject theirs = rewrittenComponents.getJsonObject(kind);
      if (theirs == null) {
        continue;
      }
      JsonObject ours = target.getJsonObject(kind);
      for (String name : theirs.fieldNames()) {
        String ref = renamed.get("#/components/" + kind + "/" + name);
        String as = ref == null ? name : ref.substring(ref.lastIndexOf('/') + 1);
        ours.put(as, theirs.getValue(name));
      }
    }
    JsonObject paths = rewritten.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      // only what the gateway actually routes to this service is reachable through it
      boolean routed =
          routes == null
              || routes.match(path).map(r -> r.upstream().name().equals(service)).orElse(false);
      if (routed) {
        JsonObject item = paths.getJsonObject(path);
        for (String method : item.fieldNames()) {
          if (METHODS.contains(method)) {
            uniqueOperationId(merged, service, item.getJsonObject(method));
          }
        }
        merged.getJsonObject("paths").put(path, item);
      }
    }
    JsonArray tags = merged.getJsonArray("tags");
    for (Object tag : rewritten.getJsonArray("tags", new JsonArray())) {
      String name = tag instanceof JsonObject t ? t.getString("name") : null;
      boolean known =
          tags.stream()
              .anyMatch(t -> t instanceof JsonObject o && o.getString("name").equals(name));
      if (!known) {
        tags.add(tag);
      }
    }
  }

  /** Renames the operation's id when an operation already in the merged document has it. */
  private static void uniqueOperationId(JsonObject merged, String service, JsonObject operation) {
    String id = operation.getString("operationId");
    if (id == null || id.isEmpty()) {
      return;
    }
    Set<String> taken = new HashSet<>();
    JsonObject paths = merged.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          taken.add(item.getJsonObject(method).getString("operationId", ""));
        }
      }
    }
    if (taken.contains(id)) {
      StringBuilder prefix = new StringBuilder();
      for (String part : service.split("[^A-Za-z0-9]+")) {
        if (!part.isEmpty()) {
          prefix.append(prefix.isEmpty() ? part.toLowerCase(Locale.ROOT) : capitalized(part));
        }
      }
      String renamed = prefix + capitalized(id);
      for (int n = 2; taken.contains(renamed); n++) {
        renamed = prefix + capitalized(id) + n;
      }
      operation.put("operationId", renamed);
    }
  }

  private static String capitalized(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  private static Object rewrite(Object node, Map<String, String> renamed) {
    if (node instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      object.forEach(
          e -> {
            Object value = e.getValue();
            if (e.getKey().equals("$ref") && value instanceof String ref) {
              copy.put("$ref", renamed.getOrDefault(ref, ref));
            } else {
              copy.put(e.getKey(), rewrite(value, renamed));
            }
          });
      return copy;
    }
    if (node instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(v -> copy.add(rewrite(v, renamed)));
      return copy;
    }
    return node;
  }
}
