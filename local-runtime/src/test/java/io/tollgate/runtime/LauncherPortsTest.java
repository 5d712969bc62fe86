package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./tollgate up} with one port for two of the platform's processes: the second would fail to
 * start while the first answered the readiness check for both, so up refuses at once, naming both
 * settings and the port, with exit code 2 (a usage error) and nothing started.
 */
class LauncherPortsTest {

  static final List<String> PORT_VARIABLES =
      List.of(
          "TOLLGATE_GATEWAY_PORT",
          "TOLLGATE_GATEWAY_MANAGEMENT_PORT",
          "TOLLGATE_PROJECT_PORT",
          "TOLLGATE_MILESTONE_PORT",
          "TOLLGATE_RISK_PORT",
          "TOLLGATE_NOTIFICATION_PORT",
          "TOLLGATE_PG_PORT",
          "TOLLGATE_KAFKA_PORT");

  record Result(int exit, String output) {}

  /** Each pair in the order up checks the processes, which is the order it names them in. */
  @ParameterizedTest
  @CsvSource({
    "TOLLGATE_PROJECT_PORT, TOLLGATE_GATEWAY_PORT",
    "TOLLGATE_PG_PORT, TOLLGATE_KAFKA_PORT",
    "TOLLGATE_NOTIFICATION_PORT, TOLLGATE_GATEWAY_MANAGEMENT_PORT",
    "TOLLGATE_MILESTONE_PORT, TOLLGATE_KAFKA_PORT",
    "TOLLGATE_GATEWAY_MANAGEMENT_PORT, TOLLGATE_PG_PORT",
    "TOLLGATE_RISK_PORT, TOLLGATE_GATEWAY_PORT"
  })
  void twoProcessesOnOnePortAreRefusedBeforeAnythingStarts(
      String first, String second, @TempDir Path dir) throws Exception {
    Map<String, String> ports = distinctFreePorts();
    String shared = ports.get(first);
    ports.put(second, shared);

    Result up = up(dir, ports);

    assertEquals(2, up.exit(), up.output());
    assertEquals(
        "tollgate: "
            + first
            + " and "
            + second
            + " are both port "
            + shared
            + "; each process needs a port of its own, so set one of them to a free port"
            + " (./tollgate help lists the ports)",
        up.output().strip());
    assertNothingStarted(dir, Integer.parseInt(shared));
  }

  /** The case as a user meets it: one variable set to another's default. */
  @Test
  void aPortThatIsAnotherProcessDefaultIsRefusedToo(@TempDir Path dir) throws Exception {
    Map<String, String> ports = distinctFreePorts();
    ports.remove("TOLLGATE_PROJECT_PORT"); // 8081 by default
    ports.put("TOLLGATE_GATEWAY_PORT", "8081");

    Result up = up(dir, ports);

    assertEquals(2, up.exit(), up.output());
    assertTrue(
        up.output()
            .startsWith(
                "tollgate: TOLLGATE_PROJECT_PORT (by default) and TOLLGATE_GATEWAY_PORT are both"
                    + " port 8081;"),
        up.output());
    assertFalse(Files.exists(dir.resolve("work")), "nothing was started or written");
  }

  @Test
  void aPortThatIsNoPortNumberIsRefused(@TempDir Path dir) throws Exception {
    Map<String, String> ports = distinctFreePorts();
    ports.put("TOLLGATE_KAFKA_PORT", "90920");

    Result up = up(dir, ports);

    assertEquals(2, up.exit(), up.output());
    assertEquals(
        "tollgate: TOLLGATE_KAFKA_PORT is '90920', not a port (1-65535); ./tollgate help lists"
            + " the ports",
        up.output().strip());
  }

  private static void assertNothingStarted(Path dir, int port) {
    assertFalse(Files.exists(dir.resolve("work")), "nothing was started or written");
    assertTrue(Ports.isFree(port), "nothing listens on " + port);
  }

  /** Each of the platform's port variables set to a port of its own that was free a moment ago. */
  private static Map<String, String> distinctFreePorts() {
    Set<Integer> taken = new LinkedHashSet<>();
    Map<String, String> ports = new HashMap<>();
    for (String variable : PORT_VARIABLES) {
      int port;
      do {
        port = Ports.freePort();
      } while (!taken.add(port));
      ports.put(variable, String.valueOf(port));
    }
    return ports;
  }

  /**
   * Runs {@code ./tollgate up} with these port variables and no other of the caller's, in a work
   * folder of the test's own. It is given no JVM, so whatever it got to, it could neither build nor
   * start anything.
   */
  private static Result up(Path dir, Map<String, String> ports)
      throws IOException, InterruptedException {
    Path launcher = Path.of("..", "tollgate").toAbsolutePath().normalize();
    ProcessBuilder builder =
        new ProcessBuilder("bash", launcher.toString(), "up", "--detach").redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
    env.putAll(ports);
    env.put("TOLLGATE_WORK", dir.resolve("work").toString());
    env.put("TOLLGATE_JAVA_HOME", dir.resolve("no-jdk").toString());
    env.put("TOLLGATE_REBUILD", "off");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "./tollgate up did not return");
    return new Result(process.exitValue(), output);
  }
}
