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
 * The built-in objects are what the API server would accept as written: their kinds at the API
 * versions this deployment targets, and no field the Kubernetes model does not know (a misspelt
 * field would be dropped by the API server, silently). The operators' custom resources are not
 * checked here: their schemas come with the operators.
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

  /** The operators' kinds, at the API versions their operators serve (deploy/README.md). */
  static final Map<String, String> CUSTOM =
      Map.of(
          "Kafka", "kafka.strimzi.io/v1beta2",
          "KafkaNodePool", "kafka.strimzi.io/v1beta2",
          "KafkaTopic", "kafka.strimzi.io/v1beta2",
          "Cluster", "postgresql.cnpg.io/v1");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyObjectIsOfAKnownKindWithOnlyKnownFields(String overlay) throws Exception {
    List<String> problems = new ArrayList<>();
    for (ObjectNode object : Rendered.overlay(overlay).objects) {
      String kind = Resources.kind(object);
      String apiVersion = object.path("apiVersion").asText();
      Kind builtIn = BUILT_IN.get(kind);
      if (builtIn != null) {
        if (!builtIn.apiVersion().equals(apiVersion)) {
          problems.add(
              Resources.id(object) + " is " + apiVersion + ", not " + builtIn.apiVersion());
        }
        unknownFields(Rendered.typed(object, builtIn.model()), Resources.id(object), problems);
      } else if (!apiVersion.equals(CUSTOM.get(kind))) {
        problems.add(
            Resources.id(object) + ": " + apiVersion + " " + kind + " is no kind this test knows");
      }
    }
    assertEquals(List.of(), problems, overlay);
  }

  /** Walks a model object and reports every field it kept as unknown. */
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
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
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
      if (getter.getName().equals("getAdditionalProperties")) {
        Set<?> unknown = ((Map<?, ?>) field).keySet();
        if (!unknown.isEmpty()) {
          problems.add(path + " has fields the Kubernetes API does not know: " + unknown);
        }
      } else {
        String name = getter.getName().substring(3);
        unknownFields(
            field,
            path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
            problems);
      }
    }
  }
}
