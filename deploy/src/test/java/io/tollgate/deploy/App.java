package io.tollgate.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * One app as its code configures it: its application.properties over the defaults of the shared
 * modules it depends on (their META-INF/microprofile-config.properties), in the prod profile.
 *
 * @param name the module's folder, which is also its artifactId, application name and app label
 * @param modules the app's module and the shared modules it depends on, transitively
 * @param settings every setting's value in the prod profile
 * @param propertyNames every property the app's or a shared module's configuration names
 * @param artifacts the artifactIds the app's module and its shared modules depend on
 */
record App(
    String name,
    Path dir,
    List<Path> modules,
    Map<String, String> settings,
    Set<String> propertyNames,
    Set<String> artifacts) {

  private static final Pattern PROFILE = Pattern.compile("%[^.]+\\.(.*)");
  private static final Pattern EVENT_TOPIC = Pattern.compile("\"([a-z][a-z0-9-]*\\.events)\"");

  static App load(Path dir) {
    List<Path> modules = new ArrayList<>();
    Set<String> artifacts = new TreeSet<>();
    Deque<Path> pending = new ArrayDeque<>(List.of(dir));
    while (!pending.isEmpty()) {
      Path module = pending.removeFirst();
      if (modules.contains(module)) {
        continue;
      }
      modules.add(module);
      for (Element dependencies :
          Platform.elements(Platform.pom(module).getDocumentElement(), "dependencies")) {
        for (Element dependency : Platform.elements(dependencies, "dependency")) {
          if ("test".equals(Platform.text(dependency, "scope"))
              || "true".equals(Platform.text(dependency, "optional"))) {
            continue;
          }
          String artifact = Platform.text(dependency, "artifactId");
          artifacts.add(artifact);
          if ("io.tollgate".equals(Platform.text(dependency, "groupId"))) {
            pending.add(Platform.ROOT.resolve(artifact));
          }
        }
      }
    }
    Map<String, String> raw = new LinkedHashMap<>();
    // the shared modules' defaults first, so that the app's own properties override them
    for (int i = modules.size() - 1; i >= 0; i--) {
      Path module = modules.get(i);
      Path defaults =
          module.resolve(
              module.equals(dir)
                  ? "src/main/resources/application.properties"
                  : "src/main/resources/META-INF/microprofile-config.properties");
      if (Files.isRegularFile(defaults)) {
        raw.putAll(properties(defaults));
      }
    }
    Map<String, String> settings = new TreeMap<>();
    Set<String> names = new TreeSet<>();
    raw.forEach(
        (key, value) -> {
          Matcher profiled = PROFILE.matcher(key);
          if (profiled.matches()) {
            names.add(profiled.group(1));
          } else {
            names.add(key);
            settings.putIfAbsent(key, value);
          }
        });
    raw.forEach(
        (key, value) -> {
          if (key.startsWith("%prod.")) {
            settings.put(key.substring("%prod.".length()), value);
          }
        });
    return new App(dir.getFileName().toString(), dir, modules, settings, names, artifacts);
  }

  private static Map<String, String> properties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
    return map;
  }

  /**
   * The environment variable Quarkus maps to a property: every character that is not a letter or a
   * digit becomes {@code _}, and the rest is upper-cased.
   */
  static String environmentName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The properties of the app's configuration that an environment variable of this name sets. */
  Set<String> propertiesOf(String environmentName) {
    Set<String> matches = new TreeSet<>();
    propertyNames.forEach(
        property -> {
          if (environmentName(property).equals(environmentName)) {
            matches.add(property);
          }
        });
    return matches;
  }

  String setting(String property) {
    return settings.get(property);
  }

  int httpPort() {
    return Integer.parseInt(settings.getOrDefault("quarkus.http.port", "8080"));
  }

  boolean managementEnabled() {
    return Boolean.parseBoolean(settings.getOrDefault("quarkus.management.enabled", "false"));
  }

  Optional<Integer> managementPort() {
    return managementEnabled()
        ? Optional.of(Integer.parseInt(settings.getOrDefault("quarkus.management.port", "9000")))
        : Optional.empty();
  }

  /** Where health and metrics are served: the management interface's port when it runs. */
  int operationsPort() {
    return managementPort().orElse(httpPort());
  }

  /** The paths of Quarkus's health groups the app serves, by group (started, live, ready). */
  Map<String, String> healthPaths() {
    if (!artifacts.contains("quarkus-smallrye-health")) {
      return Map.of();
    }
    String root =
        nonApplicationRoot()
            + "/"
            + strip(settings.getOrDefault("quarkus.smallrye-health.root-path", "health"));
    Map<String, String> paths = new TreeMap<>();
    paths.put(
        "started",
        root
            + "/"
            + strip(settings.getOrDefault("quarkus.smallrye-health.startup-path", "started")));
    paths.put(
        "live",
        root + "/" + strip(settings.getOrDefault("quarkus.smallrye-health.liveness-path", "live")));
    paths.put(
        "ready",
        root
            + "/"
            + strip(settings.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")));
    return paths;
  }

  /** The Prometheus endpoint, when the app has Micrometer's Prometheus registry. */
  Optional<String> metricsPath() {
    if (!artifacts.contains("quarkus-micrometer-registry-prometheus")) {
      return Optional.empty();
    }
    return Optional.of(
        nonApplicationRoot()
            + "/"
            + strip(settings.getOrDefault("quarkus.micrometer.export.prometheus.path", "metrics")));
  }

  private String nonApplicationRoot() {
    String key =
        managementEnabled()
            ? "quarkus.management.root-path"
            : "quarkus.http.non-application-root-path";
    return "/" + strip(settings.getOrDefault(key, "q"));
  }

  private static String strip(String path) {
    return path.replaceAll("^/+|/+$", "");
  }

  Optional<String> jdbcUrl() {
    return Optional.ofNullable(settings.get("quarkus.datasource.jdbc.url"));
  }

  /** The database the JDBC URL names. */
  Optional<String> database() {
    return jdbcUrl().map(url -> url.replaceAll("[?;].*$", "").replaceAll("^.*/", ""));
  }

  int poolMaxSize() {
    return Integer.parseInt(settings.getOrDefault("quarkus.datasource.jdbc.max-size", "20"));
  }

  boolean usesKafka() {
    return settings.containsKey("kafka.bootstrap.servers");
  }

  /** The topics of the app's incoming messaging channels. */
  Set<String> consumedTopics() {
    return channelTopics("mp.messaging.incoming.");
  }

  /**
   * The topics the app writes: those of its outgoing channels, and each {@code "<name>.events"}
   * literal in its code or its shared modules' (the outbox is given its topic by name).
   */
  Set<String> writtenTopics() {
    Set<String> topics = channelTopics("mp.messaging.outgoing.");
    for (Path module : modules) {
      Path sources = module.resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(file -> file.toString().endsWith(".java"))
            .forEach(
                file -> {
                  Matcher literal = EVENT_TOPIC.matcher(Platform.read(file));
                  while (literal.find()) {
                    topics.add(literal.group(1));
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    topics.removeAll(consumedTopics());
    return topics;
  }

  private Set<String> channelTopics(String prefix) {
    Set<String> topics = new TreeSet<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && key.endsWith(".topic")) {
            topics.add(value);
          }
        });
    return topics;
  }

  /** The gateway's upstream base URLs by service name ({@code gateway.upstream.<service>}). */
  Map<String, String> upstreams() {
    Map<String, String> upstreams = new TreeMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith("gateway.upstream.")) {
            upstreams.put(key.substring("gateway.upstream.".length()), value);
          }
        });
    return upstreams;
  }

  Duration duration(String property) {
    String value = settings.get(property);
    return value == null ? Duration.ZERO : parseDuration(value);
  }

  /**
   * A duration as Quarkus reads one: {@code 10s}, {@code 500ms}, {@code 1m}, {@code PT1M}, or
   * seconds.
   */
  static Duration parseDuration(String value) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      return Duration.parse(v);
    }
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** The files of the app's configuration, for messages. */
  List<Path> configurationFiles() {
    return new LinkedHashSet<>(modules)
        .stream()
            .map(
                module ->
                    module.equals(dir)
                        ? module.resolve("src/main/resources/application.properties")
                        : module.resolve(
                            "src/main/resources/META-INF/microprofile-config.properties"))
            .filter(Files::isRegularFile)
            .map(Platform.ROOT::relativize)
            .toList();
  }
}
