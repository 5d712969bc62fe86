package io.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class StartupPortTest {

  @Test
  void aPortInUseIsSkipped() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();
      int chosen = Startup.freePort(port);
      assertNotEquals(port, chosen);
      assertTrue(chosen > port && chosen < port + 100);
      // and the chosen one can really be listened on
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress("0.0.0.0", chosen));
      }
    }
  }

  /** The gateway's probe takes two ports at once: the second search never lands on the first. */
  @Test
  void theManagementPortIsNeverThePortChosenBeforeIt() throws Exception {
    int port = Startup.freePort(20_000);
    int management = Startup.freePort(port, port);
    assertNotEquals(port, management);
    assertTrue(management > port && management < port + 100);
  }
}
