package io.tollgate.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code tollgate.http.max-body-size} with a
 * 413 problem, before any of it is read.
 */
@ApplicationScoped
public class RequestBodyLimit {

  private final long maxBytes;

  RequestBodyLimit(
      @ConfigProperty(name = "tollgate.http.max-body-size-bytes", defaultValue = "1048576")
          long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null && exceeds(length)) {
                ctx.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(
                        "{\"type\":\""
                            + ProblemType.PAYLOAD_TOO_LARGE.uri()
                            + "\",\"title\":\""
                            + ProblemType.PAYLOAD_TOO_LARGE.title()
                            + "\",\"status\":413,\"detail\":\"the body has "
                            + length
                            + " bytes; at most "
                            + maxBytes
                            + " are accepted\",\"instance\":\""
                            + ctx.request().path().replace("\"", "")
                            + "\"}");
                return;
              }
              ctx.next();
            });
  }

  private boolean exceeds(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
