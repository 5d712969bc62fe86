package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The objects are what the API server would accept as written: their kinds at the API versions this
 * deployment targets, and no field the Kubernetes model does not know (a misspelt field would be
 * dropped by the API server, silently). Strimzi's resources are read with Strimzi's own model,
 * which also marks the fields that its {@code v1} API no longer has (deprecated in the model, e.g.
 * a Kafka's {@code replicas} and {@code storage}, which node pools replaced); CloudNativePG's
 * {@code Cluster} has no model here and is checked by its own tests (DatabaseTest).
 */
class KubernetesSchemaTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  record Kind(String apiVersion, Class<?> model) {}

  static final Map<String, Kind> BUILT_IN =
      Map.of(
          "Namespace", new Kind("v1", Namespace.class),
          "ServiceAccount", new Kind("v1", ServiceAccount.class),
          "ConfigMap", new Kind("v1", ConfigMap.class),
          "Service", new Kind("v1", Service.class),
          "Deployment", new Kind("apps/v1", Deployment.class),
          "PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class),
          "NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class),
          "HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class));

  /**
   * Strimzi's kinds at the only API version Strimzi 1.0 and later serve (deploy/README.md), with
   * the model classes of Strimzi's API library.
   */
  static final Map<String, Kind> STRIMZI =
      Map.of(
          "Kafka", new Kind("kafka.strimzi.io/v1", Kafka.class),
          "KafkaNodePool", new Kind("kafka.strimzi.io/v1", KafkaNodePool.class),
          "KafkaTopic", new Kind("kafka.strimzi.io/v1", KafkaTopic.class));

  /** Kinds without a model here, at the API versions their operators serve. */
  static final Map<String, String> UNTYPED = Map.of("Cluster", "postgresql.cnpg.io/v1");

  /** The packages whose objects are walked for unknown and deprecated fields. */
  private static final List<String> MODELS =
      List.of("io.fabric8.kubernetes.api.model", "io.strimzi.api.kafka.model");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyObjectIsOfAKnownKindWithOnlyKnownFields(String overlay) throws Exception {
    List<String> problems = new ArrayList<>();
    for (ObjectNode object : Rendered.overlay(overlay).objects) {
      String kind = Resources.kind(object);
      String apiVersion = object.path("apiVersion").asText();
      Kind typed = BUILT_IN.containsKey(kind) ? BUILT_IN.get(kind) : STRIMZI.get(kind);
      if (typed != null) {
        if (!typed.apiVersion().equals(apiVersion)) {
          problems.add(Resources.id(object) + " is " + apiVersion + ", not " + typed.apiVersion());
        }
        unknownFields(Rendered.typed(object, typed.model()), Resources.id(object), problems);
      } else if (!apiVersion.equals(UNTYPED.get(kind))) {
        problems.add(
            Resources.id(object) + ": " + apiVersion + " " + kind + " is no kind this test knows");
      }
    }
    // a field can be reached through two getters (a covariant override and its bridge method)
    assertEquals(List.of(), problems.stream().distinct().toList(), overlay);
  }

  /**
   * Walks a model object and reports every field it kept as unknown, and every field set that the
   * model marks as deprecated (Strimzi's model keeps the fields of its older API versions that
   * way).
   */
  private static void unknownFields(Object value, String path, List<String> problems)
      throws InvocationTargetException, IllegalAccessException {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), path + "[" + i + "]", problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        unknownFields(entry.getValue(), path + "." + entry.getKey(), problems);
      }
      return;
    }
    if (value == null || MODELS.stream().noneMatch(value.getClass().getName()::startsWith)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object field = getter.invoke(value);
      if (getter.isAnnotationPresent(Deprecated.class) && isSet(field)) {
        problems.add(path + "." + property(getter) + " is deprecated, gone from the current API");
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        Set<?> unknown = ((Map<?, ?>) field).keySet();
        if (!unknown.isEmpty()) {
          problems.add(path + " has fields the API does not know: " + unknown);
        }
      } else {
        unknownFields(field, path + "." + property(getter), problems);
      }
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** Whether a getter's value was given: primitives read 0 or false when a field is absent. */
  private static boolean isSet(Object field) {
    return field != null
        && !(field instanceof Number number && number.doubleValue() == 0)
        && !Boolean.FALSE.equals(field)
        && !(field instanceof Map<?, ?> map && map.isEmpty())
        && !(field instanceof List<?> list && list.isEmpty());
  }
}
