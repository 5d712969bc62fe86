package io.tollgate.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log: after every module's tests and the platform run have written their logs,
 * none of them holds a bearer token, a JWT, an API key secret or a credential assignment. Runs last
 * in the reactor's last module.
 */
@Order(Integer.MAX_VALUE)
class LogSecretsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** What a leaked secret looks like in a log line. */
  private static final List<Pattern> SECRETS =
      List.of(
          // a JWT: base64url header and claims, both JSON objects
          Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"),
          Pattern.compile("(?i)authorization:\\s*bearer\\s+\\S{8,}"),
          Pattern.compile("(?i)x-api-key:\\s*\\S{8,}"),
          // an API key's secret, anywhere (the 8 characters a key is listed by are too few)
          Pattern.compile("tgk_[A-Za-z0-9_-]{20,}"),
          // a credential assigned, as a property (password=...) or in JSON ("password":"...", or
          // \"password\":\"...\" inside a JSON log line's message); not a name without a value
          // (a config key), a null, or a value masked as Kafka's ([hidden]) and others (***) are
          Pattern.compile(
              "(?i)(password|secret)\\\\?[\"']?\\s*[=:]\\s*\\\\?[\"']?"
                  + "(?!\\*|null\\b|\\[hidden\\])[^\\s\"',}\\\\]{4,}"),
          Pattern.compile("-----BEGIN (RSA )?PRIVATE KEY-----"));

  @Test
  void noLogOfTheSuiteContainsASecret() throws IOException {
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT, 6)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/src/"))
          .filter(
              p ->
                  (p.toString().contains("/target/surefire-reports/")
                          && p.toString().endsWith("-output.txt"))
                      || (p.toString().contains("/target/" + PlatformTest.WORK_PREFIX)
                          && p.getParent().getFileName().toString().equals("logs")
                          && p.toString().endsWith(".log")))
          .forEach(logs::add);
    }
    assertTrue(!logs.isEmpty(), "no logs found under " + ROOT);
    // the platform's own logs are among them, the gateway's and each service's
    for (String process : List.of("gateway", "project-service", "milestone-service", "runtime")) {
      assertTrue(
          logs.stream()
              .anyMatch(
                  p ->
                      p.toString().contains(PlatformTest.WORK_PREFIX)
                          && p.getFileName().toString().equals(process + ".log")),
          "no " + process + ".log of the platform run among " + logs.size() + " logs");
    }
    List<String> leaks = new ArrayList<>();
    for (Path log : logs) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        for (Pattern secret : SECRETS) {
          Matcher m = secret.matcher(lines.get(i));
          if (m.find()) {
            leaks.add(ROOT.relativize(log) + ":" + (i + 1) + ": " + abbreviate(lines.get(i)));
          }
        }
      }
    }
    assertTrue(leaks.isEmpty(), "secrets in logs:\n" + String.join("\n", leaks));
  }

  private static String abbreviate(String line) {
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }
}
