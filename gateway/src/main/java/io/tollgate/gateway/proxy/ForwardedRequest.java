package io.tollgate.gateway.proxy;

import io.quarkus.vertx.http.runtime.filters.AbstractResponseWrapper;
import io.tollgate.gateway.security.InFlightLimiter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;

/**
 * A forwarded request as the proxy library sees it: the route's own request, with the place it
 * holds among its caller's requests in flight, a response whose {@link HttpServerResponse#reset()
 * reset} on HTTP/1.x closes the connection instead, and a record of whether its client went away.
 *
 * <p>Whether the client went away is told by the failures of its request and response, not by
 * {@link HttpServerResponse#closed()} alone: a client that resets its connection (RST) or, on
 * HTTP/2, cancels its stream (RST_STREAM) fails them first, and the proxy library, on that failure,
 * resets the request to the service at once. The exchange then fails as a reset while the response
 * does not read as closed yet; without this record it would count as the service's failure.
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

  private final ClientResponse response;
  private final InFlightLimiter.Place place;
  // set on the request's event loop, read there
  private boolean clientFailed;

  /**
   * @param request the route's request
   * @param place its place among its caller's requests in flight, or null (the cap is off)
   */
  ForwardedRequest(HttpServerRequest request, InFlightLimiter.Place place) {
    super((HttpServerRequestInternal) request);
    this.place = place;
    this.response = new ClientResponse(request.response(), request);
  }

  @Override
  public HttpServerResponse response() {
    return response;
  }

  /**
   * The handler the proxy library reads the body with: it learns first that the client went, of a
   * connection reset or a cancelled stream while the body was arriving, included.
   */
  @Override
  public HttpServerRequest exceptionHandler(Handler<Throwable> handler) {
    super.exceptionHandler(handler == null ? null : failure -> clientFailed(failure, handler));
    return this;
  }

  /**
   * Whether the client went away: its connection or stream closed, or reset, or its request or
   * response failed (nothing else fails them), before or during the exchange with the service.
   */
  boolean clientGone() {
    return clientFailed || response.closed();
  }

  private void clientFailed(Throwable failure, Handler<Throwable> handler) {
    clientFailed = true;
    handler.handle(failure);
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

  /**
   * The client's response: a failure of it is its client gone (the library resets the request to
   * the service on it), and on HTTP/1.x a reset of it closes its connection.
   */
  private final class ClientResponse extends AbstractResponseWrapper {

    private final HttpServerRequest request;

    ClientResponse(HttpServerResponse delegate, HttpServerRequest request) {
      super(delegate);
      this.request = request;
    }

    @Override
    public HttpServerResponse exceptionHandler(Handler<Throwable> handler) {
      super.exceptionHandler(handler == null ? null : failure -> clientFailed(failure, handler));
      return this;
    }

    @Override
    public boolean reset() {
      return reset(0L);
    }

    @Override
    public boolean reset(long code) {
      if (request.version() == HttpVersion.HTTP_2) {
        return super.reset(code);
      }
      // as Vert.x's own: nothing to reset once the response has ended
      if (ended()) {
        return false;
      }
      abort(request);
      return true;
    }
  }
}
