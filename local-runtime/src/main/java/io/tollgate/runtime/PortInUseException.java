package io.tollgate.runtime;

import java.io.IOException;

/** A fixed port that a server was asked to listen on is taken by another process. */
public final class PortInUseException extends IOException {

  private final int port;
  private final String owner;

  public PortInUseException(int port, String owner) {
    super("port " + port + " (" + owner + ") is already in use");
    this.port = port;
    this.owner = owner;
  }

  public int port() {
    return port;
  }

  /** What wanted the port, e.g. {@code PostgreSQL}. */
  public String owner() {
    return owner;
  }
}
