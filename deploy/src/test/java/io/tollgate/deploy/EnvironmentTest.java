package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The apps are configured by environment only, and every variable is one the app reads. */
class EnvironmentTest {

  /** Variables that are read, but by no property of the apps' configuration files. */
  static final Map<String, String> READ_ELSEWHERE =
      Map.of(
          "JAVA_TOOL_OPTIONS",
          "read by the JVM itself: heap and collector (ADR 0008)",
          "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
          "quarkus.otel.exporter.otlp.endpoint, Quarkus's own, without a default in a file: where"
              + " traces go once QUARKUS_OTEL_SDK_DISABLED=false switches them on (ADR 0023)",
          "QUARKUS_SHUTDOWN_DELAY",
          "quarkus.shutdown.delay, Quarkus's own, without a default to be found in a file;"
              + " quarkus.shutdown.delay-enabled=true in the properties turns it on (ADR 0016)");

  /** The settings of the identity provider: one ConfigMap, the same for every app. */
  static final Set<String> JWT =
      Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES");

  static Stream<Arguments> appsInOverlays() {
    return WorkloadTest.appsInOverlays();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void everyVariableIsASettingTheAppReads(String overlay, String name) {
    App app = Platform.app(name);
    Map<String, String> variables = variables(Rendered.overlay(overlay), name);
    Set<String> unknown = new TreeSet<>();
    variables
        .keySet()
        .forEach(
            variable -> {
              if (!READ_ELSEWHERE.containsKey(variable) && app.propertiesOf(variable).isEmpty()) {
                unknown.add(variable + " (from " + variables.get(variable) + ")");
              }
            });
    assertEquals(
        Set.of(),
        unknown,
        overlay
            + ": variables "
            + name
            + " sets that no property of "
            + app.configurationFiles()
            + " maps to (Quarkus maps a.b-c to A_B_C)");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void everyAppLogsJsonAndVerifiesTokensAsTheOthersDo(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    Container container = r.container(name);
    assertEquals(
        "true",
        WorkloadTest.env(container, "QUARKUS_LOG_CONSOLE_JSON_ENABLED").orElse(null),
        overlay + ": " + name + " logs JSON");
    Set<String> jwtMaps = new TreeSet<>();
    for (String variable : JWT) {
      assertFalse(Platform.app(name).propertiesOf(variable).isEmpty(), name + " reads " + variable);
      jwtMaps.add(configMapOf(r, container, variable));
    }
    assertEquals(
        Set.of("tollgate-jwt"),
        jwtMaps,
        overlay + ": " + name + " takes the token settings from the one shared ConfigMap");
    assertEquals(
        "tollgate-telemetry",
        configMapOf(r, container, "QUARKUS_OTEL_SDK_DISABLED"),
        overlay + ": " + name + " traces, or not, as the one shared telemetry ConfigMap says");
    assertEquals(
        "tollgate-telemetry",
        configMapOf(r, container, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"),
        overlay + ": " + name + " exports its traces where the others do");
    String keys =
        r.typed("ConfigMap", "tollgate-jwt", ConfigMap.class)
            .getData()
            .get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    assertTrue(
        keys.startsWith("https://"),
        overlay
            + ": the services verify tokens with the identity provider's JWKS, not a file: "
            + keys);
  }

  /** Passwords and keys come from Secrets, never from a value in git. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void secretsComeFromSecrets(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    Container container = r.container(name);
    for (EnvVar variable : container.getEnv()) {
      if (variable.getName().matches(".*(PASSWORD|SECRET|PRIVATE|JAAS).*")) {
        assertTrue(
            variable.getValue() == null && variable.getValueFrom().getSecretKeyRef() != null,
            overlay + ": " + name + "'s " + variable.getName() + " comes from a Secret");
      }
      SecretKeySelector secret =
          variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
      if (secret != null) {
        assertCreated(r, secret.getName(), overlay + ": " + name + "'s " + variable.getName());
      }
    }
    for (Volume volume : r.deployment(name).getSpec().getTemplate().getSpec().getVolumes()) {
      if (volume.getSecret() != null) {
        assertCreated(
            r,
            volume.getSecret().getSecretName(),
            overlay + ": " + name + "'s volume " + volume.getName());
      }
    }
  }

  /**
   * A Secret is either the database's, made by CloudNativePG, or one the operator is told to
   * create.
   */
  private static void assertCreated(Rendered r, String secret, String user) {
    boolean byOperator =
        secret.endsWith("-app")
            && r.find("Cluster", secret.substring(0, secret.length() - "-app".length()))
                .isPresent();
    boolean documented =
        Platform.read(Platform.DEPLOY.resolve("README.md"))
            .contains("create secret generic " + secret + " ");
    assertTrue(
        byOperator || documented,
        user
            + " reads the Secret "
            + secret
            + ", which neither CloudNativePG nor deploy/README.md's instructions create");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void aFileSettingNamesAFileThePodMounts(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    Container container = r.container(name);
    PodSpec pod = r.deployment(name).getSpec().getTemplate().getSpec();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValue() == null || !variable.getValue().startsWith("file:")) {
        continue;
      }
      String file = variable.getValue().substring("file:".length());
      VolumeMount mount =
          container.getVolumeMounts().stream()
              .filter(m -> file.startsWith(m.getMountPath() + "/"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay
                              + ": "
                              + name
                              + "'s "
                              + variable.getName()
                              + " names "
                              + file
                              + ", which no volume holds"));
      assertEquals(
          Boolean.TRUE,
          mount.getReadOnly(),
          overlay + ": " + name + " mounts " + mount.getMountPath() + " read-only");
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      assertNotNull(
          volume.getSecret(), overlay + ": " + name + "'s " + file + " comes from a Secret");
      String path = file.substring(mount.getMountPath().length() + 1);
      assertTrue(
          volume.getSecret().getItems().stream().anyMatch(item -> item.getPath().equals(path)),
          overlay + ": the Secret volume " + volume.getName() + " holds " + path);
    }
  }

  /** Each variable the container gets, with where it comes from. */
  static Map<String, String> variables(Rendered r, String name) {
    Container container = r.container(name);
    Map<String, String> variables = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      assertNotNull(
          source.getConfigMapRef(), r + ": " + name + " takes variables from ConfigMaps only");
      String map = source.getConfigMapRef().getName();
      ConfigMap configMap =
          r.find("ConfigMap", map)
              .map(o -> Rendered.typed(o, ConfigMap.class))
              .orElseThrow(
                  () ->
                      new AssertionError(
                          r
                              + ": "
                              + name
                              + " reads the ConfigMap "
                              + map
                              + ", which is not deployed"));
      configMap.getData().keySet().forEach(key -> variables.put(key, "ConfigMap " + map));
    }
    for (EnvVar variable : container.getEnv()) {
      variables.put(variable.getName(), "env");
      if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
        String map = variable.getValueFrom().getConfigMapKeyRef().getName();
        String key = variable.getValueFrom().getConfigMapKeyRef().getKey();
        assertTrue(
            r.find("ConfigMap", map).map(o -> o.path("data").has(key)).orElse(false),
            r
                + ": "
                + name
                + "'s "
                + variable.getName()
                + " reads "
                + key
                + " of ConfigMap "
                + map);
      }
    }
    return variables;
  }

  /** The ConfigMap a variable of the container comes from. */
  private static String configMapOf(Rendered r, Container container, String variable) {
    for (EnvVar env : container.getEnv()) {
      if (env.getName().equals(variable)) {
        return env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
            ? env.getValueFrom().getConfigMapKeyRef().getName()
            : "a value of its own";
      }
    }
    String found = null;
    for (EnvFromSource source : container.getEnvFrom()) {
      String map = source.getConfigMapRef().getName();
      if (r.find("ConfigMap", map).map(o -> o.path("data").has(variable)).orElse(false)) {
        found = map;
      }
    }
    assertNotNull(found, r + ": " + container.getName() + " gets no " + variable);
    return found;
  }
}
