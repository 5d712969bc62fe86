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
}
