package io.tollgate.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Port helpers shared by the servers. */
public final class Ports {

  private Ports() {}

  /** True when nothing listens on {@code port} on any local address. */
  public static boolean isFree(int port) {
    // binding the wildcard address fails if any interface, loopback included, has a listener
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a message naming the port and its would-be owner when the port is taken. */
  public static void requireFree(int port, String owner) throws PortInUseException {
    if (port != 0 && !isFree(port)) {
      throw new PortInUseException(port, owner);
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
