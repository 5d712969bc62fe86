package io.tollgate.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads request bodies on the event loop, before a blocking endpoint is dispatched to a worker
 * thread, and refuses one larger than {@code tollgate.http.max-body-size-bytes} with a 413 problem.
 *
 * <p>Without this, Quarkus REST hands a blocking endpoint to a worker first and lets the worker
 * wait for the body to arrive from the event loop: a thread hand-off per request that showed up as
 * the largest wait in the create profile (docs/performance.md). Bodies here are small JSON
 * documents, so holding one in memory is cheaper than parking a worker on it. A declared length
 * over the limit is refused before anything is read; a chunked body is refused once it crosses it.
 */
@ApplicationScoped
public class RequestBodyLimit {

  private static final Set<HttpMethod> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private static final Logger LOG = Logger.getLogger(RequestBodyLimit.class);

  private final long maxBytes;
  private final BodyHandler bodies;

  RequestBodyLimit(
      @ConfigProperty(name = "tollgate.http.max-body-size-bytes", defaultValue = "1048576")
          long maxBytes) {
    this.maxBytes = maxBytes;
    this.bodies =
        BodyHandler.create(false)
            .setBodyLimit(maxBytes)
            .setHandleFileUploads(false)
            .setDeleteUploadedFilesOnEnd(false);
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null && exceeds(length)) {
                tooLarge(ctx, "the body has " + length + " bytes; at most " + maxBytes + " are");
                return;
              }
              if (WITH_BODY.contains(ctx.request().method())) {
                bodies.handle(ctx);
              } else {
                ctx.next();
              }
            })
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                tooLarge(ctx, "the body is larger than the " + maxBytes + " bytes that are");
              } else if (ctx.failure() instanceof HttpClosedException) {
                // the client went away before its body was complete: there is no one to answer
                // and nothing was done, which is not the service's error to log
                LOG.debugf(
                    "%s %s: the client closed the connection before the body was complete",
                    ctx.request().method(), ctx.request().path());
              } else {
                ctx.next();
              }
            });
    router
        .route()
        .order(-999)
        .handler(
            ctx -> {
              // An empty body (Content-Length: 0, or chunked with no chunk) leaves the body handler
              // without a buffer, and Quarkus REST then waits on the request's stream, which the
              // body handler has already consumed: the request hung until the read timeout (60 s,
              // holding a worker) and failed as a 500. An empty buffer is read as what it is.
              if (WITH_BODY.contains(ctx.request().method()) && ctx.body().buffer() == null) {
                ctx.setBody(Buffer.buffer());
              }
              ctx.next();
            });
  }

  private void tooLarge(RoutingContext ctx, String detail) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    RoutingProblems.end(
        ctx, ProblemType.PAYLOAD_TOO_LARGE, detail + " accepted", ctx.request().path());
  }

  private boolean exceeds(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
