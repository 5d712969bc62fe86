package io.tollgate.rest;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Singleton;

/**
 * Answers plain-HTTP requests as HTTP/1.1 even when the client offers to upgrade to HTTP/2 ({@code
 * Upgrade: h2c}, which Java's own HttpClient and {@code curl --http2} send). A request with a body
 * that was upgraded failed with a 500: {@link RequestBodyLimit} reads the body first, and Quarkus
 * REST then cannot pause an upgraded request whose body has been read. HTTP/2 over TLS is not
 * affected; the gateway, the public entry, talks HTTP/1.1 to the services anyway.
 */
@Singleton
public class NoClearTextHttp2 implements HttpServerOptionsCustomizer {

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setHttp2ClearTextEnabled(false);
  }
}
