package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The image runs the app as Quarkus packages it and as the launcher starts it. */
class ImageTest {

  static final Path DOCKERFILE = Platform.DEPLOY.resolve("docker/Dockerfile");

  /** What an aot-jar leaves in target/quarkus-app/ that the app needs at run time. */
  static final Set<String> AOT_JAR_LAYOUT = Set.of("quarkus-run.jar", "app", "lib", "quarkus");

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  @Test
  void theImageCopiesWhatThePackagingLeaves() throws IOException {
    Set<String> copied = new TreeSet<>();
    Matcher copy =
        Pattern.compile("(?m)^COPY \\$\\{MODULE}/target/quarkus-app/([^/\\s]+)/? ")
            .matcher(dockerfile());
    while (copy.find()) {
      copied.add(copy.group(1));
    }
    assertEquals(AOT_JAR_LAYOUT, copied, "what the Dockerfile copies from target/quarkus-app/");
    for (App app : Platform.apps()) {
      // another packaging lays the app out otherwise, and the image would start nothing
      assertEquals(
          "aot-jar",
          app.setting("quarkus.package.jar.type"),
          app.name() + "'s quarkus.package.jar.type");
      Path built = app.dir().resolve("target/quarkus-app");
      if (Files.isDirectory(built)) {
        try (Stream<Path> entries = Files.list(built)) {
          Set<String> present = new TreeSet<>();
          entries.map(e -> e.getFileName().toString()).forEach(present::add);
          assertTrue(present.containsAll(AOT_JAR_LAYOUT), app.name() + "'s build left " + present);
          present.removeAll(AOT_JAR_LAYOUT);
          // the list of the app's dependencies, for people, is all the image leaves out
          assertEquals(
              Set.of("quarkus-app-dependencies.txt"),
              present,
              app.name() + ": packaged but not copied");
        }
      }
    }
  }

  @Test
  void theImageStartsTheJvmAsTheLauncherDoes() {
    String dockerfile = dockerfile();
    assertTrue(dockerfile.contains("\nFROM eclipse-temurin:25-jre\n"), "the base image");
    Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$").matcher(dockerfile);
    assertTrue(entrypoint.find(), "the Dockerfile has an exec-form ENTRYPOINT");
    List<String> command = new ArrayList<>();
    for (String part : entrypoint.group(1).split(",")) {
      command.add(part.trim().replaceAll("^\"|\"$", ""));
    }
    assertEquals("java", command.get(0));
    assertTrue(
        command.containsAll(Platform.launcherJavaProperties()),
        "ENTRYPOINT "
            + command
            + " lacks what the launcher always passes "
            + Platform.launcherJavaProperties()
            + " (ADR 0019)");
    assertEquals(
        List.of("-jar", "/deployments/quarkus-run.jar"),
        command.subList(command.size() - 2, command.size()));

    Matcher options =
        Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
    assertTrue(options.find(), "the image's default JAVA_TOOL_OPTIONS");
    assertTrue(
        Arrays.asList(options.group(1).split("\\s+")).containsAll(Platform.launcherJavaOptions()),
        "the image's JAVA_TOOL_OPTIONS lack some of the launcher's "
            + Platform.launcherJavaOptions());
  }

  @Test
  void theImageRunsAsAUserOfItsOwn() {
    assertTrue(imageUser() > 0, "the image's USER is root");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyAppRunsItsOwnImageOfThisVersion(String overlay) {
    for (App app : Platform.apps()) {
      assertEquals(
          "ghcr.io/tollgate/" + app.name() + ":" + Platform.imageTag(),
          Rendered.overlay(overlay).container(app.name()).getImage(),
          overlay + ": " + app.name() + "'s image");
    }
  }

  /** The numeric user the image runs as ({@code USER uid:gid}). */
  static long imageUser() {
    Matcher user = Pattern.compile("(?m)^USER (\\d+)(:\\d+)?$").matcher(dockerfile());
    assertTrue(user.find(), "the Dockerfile sets a numeric USER (runAsNonRoot needs one)");
    return Long.parseLong(user.group(1));
  }

  static String dockerfile() {
    return Platform.read(DOCKERFILE);
  }
}
