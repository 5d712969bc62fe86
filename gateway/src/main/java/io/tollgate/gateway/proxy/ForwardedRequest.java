package io.tollgate.gateway.proxy;

import io.quarkus.vertx.http.runtime.filters.AbstractResponseWrapper;
import io.tollgate.gateway.security.InFlightLimiter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;

/**
 * A forwarded request as the proxy library sees it: the route's own request, with the place it
 * holds among its caller's requests in flight, and a response whose {@link
 * HttpServerResponse#reset() reset} on HTTP/1.x closes the connection instead.
 *
 * <p>Why: the library resets the client's response when an exchange fails after its head was sent
 * (its client went away mid-body, the service failed mid-body, the gateway cut a silent stream).
 * Vert.x's HTTP/1.x response marks itself closed at once when it is reset, and then calls none of
 * its handlers when the connection actually closes: neither the route's end handlers nor Quarkus's
 * own, by which its graceful shutdown counts the request done. Each such request would then make a
 * stopping gateway wait out the whole {@code quarkus.shutdown.timeout}. Closing the connection is
 * what that reset does on HTTP/1.x anyway (the pending writes are flushed, then the connection
 * closes); done this way, the response learns of it as of any closed connection, and its handlers
 * run. On HTTP/2 a reset ends the request's stream only, and its handlers run: left as it is.
 */
final class ForwardedRequest extends HttpServerRequestWrapper {

  private final HttpServerResponse response;
  private final InFlightLimiter.Place place;

  /**
   * @param request the route's request
   * @param place its place among its caller's requests in flight, or null (the cap is off)
   */
  ForwardedRequest(HttpServerRequest request, InFlightLimiter.Place place) {
    super((HttpServerRequestInternal) request);
    this.place = place;
    this.response =
        request.version() == HttpVersion.HTTP_2
            ? request.response()
            : new ClosingResponse(request.response(), request);
  }

  @Override
  public HttpServerResponse response() {
    return response;
  }

  /** The place the request holds among its caller's requests in flight, or null. */
  InFlightLimiter.Place inFlightPlace() {
    return place;
  }

  /**
   * Ends {@code request}'s answer abruptly, as a reset of its response would, but so that its
   * handlers run (see above): on HTTP/1.x by closing the connection, on HTTP/2 by resetting the
   * request's stream. Nothing to do once the answer has ended.
   */
  static void abort(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2) {
      request.response().reset();
    } else if (!request.response().ended()) {
      request.connection().close();
    }
  }

  /** An HTTP/1.x response that a reset ends by closing its connection. */
  private static final class ClosingResponse extends AbstractResponseWrapper {

    private final HttpServerRequest request;

    ClosingResponse(HttpServerResponse delegate, HttpServerRequest request) {
      super(delegate);
      this.request = request;
    }

    @Override
    public boolean reset() {
      return reset(0L);
    }

    @Override
    public boolean reset(long code) {
      // as Vert.x's own: nothing to reset once the response has ended
      if (ended()) {
        return false;
      }
      abort(request);
      return true;
    }
  }
}
