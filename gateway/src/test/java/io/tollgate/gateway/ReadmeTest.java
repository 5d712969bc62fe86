package io.tollgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's routes and configuration tables true to application.properties. */
class ReadmeTest {

  private static final String CONFIG_HEADER = "| Description | Env var | Property | Default |";
  // the default cell: its first backticked value (a remark may follow), or "none" for no default
  private static final Pattern CONFIG_ROW =
      Pattern.compile(
          "^\\| [^|]+ \\| `([A-Z0-9_]+)` \\| `([a-z0-9.-]+)` \\| (?:`([^`]*)`[^|]*|(none)) \\|$");
  private static final Pattern ROUTE_ROW =
      Pattern.compile("^\\| `(/[^`]+)/\\*\\*` \\| ([a-z-]+) \\|$");

  @Test
  void configurationTableMatchesTheShippedDefaults() throws IOException {
    Properties properties = applicationProperties();
    Set<String> documented = new TreeSet<>();
    List<String> rows = configurationRows();
    assertTrue(rows.size() > 10, "the configuration table was not found: " + rows);
    int checked = 0;
    for (String line : rows) {
      Matcher row = CONFIG_ROW.matcher(line);
      // a row the pattern does not take would go unchecked: none may
      assertTrue(row.matches(), "configuration row not in the expected form: " + line);
      String env = row.group(1);
      String property = row.group(2);
      documented.add(property);
      assertEquals(
          property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
          env,
          "env var of " + property);
      // "none": application.properties sets nothing
      assertEquals(properties.getProperty(property), row.group(3), "default of " + property);
      checked++;
    }
    assertEquals(rows.size(), checked, "configuration rows checked");
    Set<String> shipped = new TreeSet<>();
    properties.stringPropertyNames().stream()
        .filter(name -> name.startsWith("gateway."))
        .forEach(shipped::add);
    shipped.add("quarkus.http.port");
    shipped.add("quarkus.management.port");
    // what an operator must set to run API keys: where the ADMIN role is read, the store's pool
    shipped.add("smallrye.jwt.path.groups");
    shipped.add("quarkus.datasource.jdbc.max-size");
    // every gateway.* property is documented; other documented ones (JWT, CORS, database) must
    // exist with the documented default, which the loop above checked
    Set<String> undocumented = new TreeSet<>(shipped);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "properties missing from the README");
  }

  /** ADR 0021: a create retried with its Idempotency-Key makes no second key. */
  @Test
  void apiKeyCreatesAreDescribedAsIdempotentWithAnIdempotencyKey() throws IOException {
    String readme = String.join("\n", readme());
    assertTrue(
        !readme.contains("Creating a key is not idempotent"),
        "the README contradicts ADR 0021 on retried API key creates");
    assertTrue(readme.contains("0021-api-key-creates-are-idempotent-without-replaying-secrets.md"));
  }

  @Test
  void routesTableMatchesTheShippedRouteTable() throws IOException {
    Properties properties = applicationProperties();
    Map<String, String> shipped = new HashMap<>();
    properties.stringPropertyNames().stream()
        .filter(name -> name.startsWith("gateway.routes."))
        .forEach(
            name ->
                Arrays.stream(properties.getProperty(name).split(","))
                    .forEach(
                        prefix ->
                            shipped.put(
                                prefix.trim(), name.substring("gateway.routes.".length()))));

    Map<String, String> documented = new HashMap<>();
    for (String line : readme()) {
      Matcher row = ROUTE_ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), row.group(2));
      }
    }
    assertTrue(!shipped.isEmpty());
    assertEquals(shipped, documented);
  }

  /** The rows of the configuration table, without its header and separator. */
  private static List<String> configurationRows() throws IOException {
    List<String> lines = readme();
    int header = lines.indexOf(CONFIG_HEADER);
    assertTrue(header >= 0, "no configuration table (" + CONFIG_HEADER + ") in the README");
    return lines.subList(header + 2, lines.size()).stream()
        .takeWhile(line -> line.startsWith("|"))
        .toList();
  }

  private static List<String> readme() throws IOException {
    return Files.readAllLines(Path.of("README.md"));
  }

  private static Properties applicationProperties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ReadmeTest.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    return properties;
  }
}
