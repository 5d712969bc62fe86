package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every setting of the eventing module that a service inherits is in the root README's
 * configuration table, with its environment variable and its default.
 */
class ConfigurationDocumentedTest {

  @ParameterizedTest
  @ValueSource(classes = {EventingConfig.class, RetentionConfig.class, DatabaseConfig.class})
  void everySettingHasARowWithItsVariableAndDefault(Class<?> mapping) throws IOException {
    List<String> rows =
        Files.readAllLines(Path.of("../README.md")).stream()
            .filter(l -> l.startsWith("|"))
            .toList();
    String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
    Stream<Executable> checks =
        Arrays.stream(mapping.getDeclaredMethods())
            .map(
                method ->
                    () -> {
                      String property = prefix + "." + kebab(method.getName());
                      String variable =
                          property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                      Optional<String> row =
                          rows.stream().filter(r -> r.contains("`" + property + "`")).findFirst();
                      assertTrue(row.isPresent(), property + " has no row in README.md");
                      assertTrue(
                          row.get().contains("`" + variable + "`"),
                          property + ": the row does not name " + variable);
                      String documented = defaultOf(method);
                      if (documented != null) {
                        assertTrue(
                            row.get().contains("`" + documented + "`"),
                            property + ": the row does not give the default " + documented);
                      }
                    });
    assertAll(checks);
  }

  /** The default as the README writes it; an expression (a reference to another setting) not. */
  private static String defaultOf(Method method) {
    WithDefault value = method.getAnnotation(WithDefault.class);
    return value == null || value.value().contains("${") ? null : value.value();
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
