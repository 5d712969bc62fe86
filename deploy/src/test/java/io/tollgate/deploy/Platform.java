package io.tollgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The repository the manifests must follow: its modules, their poms and the launcher. */
final class Platform {

  static final Path ROOT = findRoot();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final List<String> OVERLAYS = List.of("dev", "prod");

  private Platform() {}

  private static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("tollgate"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("not inside the Tollgate repository");
  }

  /** The apps the platform runs: every module of the root pom that Quarkus packages. */
  static List<App> apps() {
    List<App> apps = new ArrayList<>();
    for (String module : children(pom(ROOT), "modules", "module")) {
      Path dir = ROOT.resolve(module);
      if (Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))
          && read(dir.resolve("pom.xml"))
              .contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
        apps.add(App.load(dir));
      }
    }
    return apps;
  }

  static App app(String name) {
    return apps().stream()
        .filter(app -> app.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no app " + name));
  }

  /** The version the images are tagged with: the platform's, without -SNAPSHOT. */
  static String imageTag() {
    return text(pom(ROOT).getDocumentElement(), "version").replace("-SNAPSHOT", "");
  }

  /** The JVM options the launcher gives every app by default (TOLLGATE_JAVA_OPTS). */
  static List<String> launcherJavaOptions() {
    Matcher m =
        Pattern.compile("\\$\\{TOLLGATE_JAVA_OPTS:-([^}]*)}")
            .matcher(read(ROOT.resolve("tollgate")));
    if (!m.find()) {
      throw new IllegalStateException("the launcher's default TOLLGATE_JAVA_OPTS not found");
    }
    return Arrays.asList(m.group(1).trim().split("\\s+"));
  }

  /** The JVM options the launcher adds whatever TOLLGATE_JAVA_OPTS says. */
  static List<String> launcherJavaProperties() {
    Matcher m =
        Pattern.compile("(?m)^PLATFORM_JAVA_PROPS=\\(([^)]*)\\)")
            .matcher(read(ROOT.resolve("tollgate")));
    if (!m.find()) {
      throw new IllegalStateException("the launcher's PLATFORM_JAVA_PROPS not found");
    }
    return Arrays.asList(m.group(1).trim().split("\\s+"));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document pom(Path moduleDir) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(moduleDir.resolve("pom.xml").toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + moduleDir.resolve("pom.xml"), e);
    }
  }

  /** The text of each {@code <item>} directly in the project's {@code <list>}. */
  static List<String> children(Document pom, String list, String item) {
    List<String> texts = new ArrayList<>();
    for (Element parent : elements(pom.getDocumentElement(), list)) {
      for (Element child : elements(parent, item)) {
        texts.add(child.getTextContent().trim());
      }
    }
    return texts;
  }

  static List<Element> elements(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  static String text(Element parent, String name) {
    List<Element> found = elements(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
