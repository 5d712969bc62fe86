package io.tollgate.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The body of an upstream's answer, cut off when the upstream sends nothing for {@code
 * gateway.timeout} while the gateway waits for it.
 *
 * <p>Vert.x's own timeout of the upstream request (the proxy's {@code idleTimeout}) ends when the
 * answer's head arrives: a service that sends its head, part of its body, then nothing more would
 * otherwise hold the client, the upstream connection and the caller's place among its requests in
 * flight for as long as it liked. The clock restarts with every chunk received, and stops while the
 * stream is paused: a client that reads slowly holds the body back (back-pressure), which says
 * nothing about the service.
 *
 * <p>At the cut the stream fails with a {@link TimeoutException}, as a stream whose service reset
 * the connection does: the proxy then resets the upstream request and the client's response (the
 * head is out: the status cannot change any more), and the upstream request is reset here too, in
 * case nothing was piping the body; then {@code onCut} runs, once. Nothing else of the body is
 * passed on. Whatever reads the body and lets go of it (a pipe that ended, its client gone
 * included) stops the clock. Everything runs on the event loop of the exchange, as the body's own
 * handlers do.
 */
final class SilentBodyCutoff implements ReadStream<Buffer> {

  /** What is told of a cut: how long the upstream was silent, and how much it had sent. */
  interface OnCut {
    void cut(TimeoutException failure, long bytesReceived);
  }

  private final ReadStream<Buffer> body;
  private final Vertx vertx;
  private final long timeoutNanos;
  private final OnCut onCut;

  private Handler<Throwable> exceptionHandler;
  private long lastActivity = System.nanoTime();
  private long received;
  private long timer = -1;
  private boolean paused = true;
  private boolean finished;

  /**
   * @param body the upstream's body, paused (as the proxy hands it over)
   * @param timeout the longest the upstream may send nothing while the body is asked for
   */
  SilentBodyCutoff(ReadStream<Buffer> body, Vertx vertx, Duration timeout, OnCut onCut) {
    this.body = body;
    this.vertx = vertx;
    this.timeoutNanos = timeout.toNanos();
    this.onCut = onCut;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      // whatever read the body is done with it (its pipe ended, the client gone included)
      finish();
      body.handler(null);
    } else {
      body.handler(
          chunk -> {
            if (finished) {
              return;
            }
            lastActivity = System.nanoTime();
            received += chunk.length();
            handler.handle(chunk);
          });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    if (handler == null) {
      finish();
      body.exceptionHandler(null);
    } else {
      body.exceptionHandler(
          failure -> {
            if (!finished) {
              finish();
              handler.handle(failure);
            }
          });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    if (handler == null) {
      finish();
      body.endHandler(null);
    } else {
      body.endHandler(
          v -> {
            if (!finished) {
              finish();
              handler.handle(v);
            }
          });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    // the client holds the body back: its silence is not the upstream's
    paused = true;
    body.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    asked();
    body.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    asked();
    body.fetch(amount);
    return this;
  }

  /** The body is asked for again: the upstream's time starts now. */
  private void asked() {
    paused = false;
    lastActivity = System.nanoTime();
    if (timer < 0 && !finished) {
      timer = vertx.setTimer(Math.max(1, timeoutNanos / 1_000_000), this::check);
    }
  }

  /** One timer at a time, moved on to the last chunk's time plus the timeout. */
  private void check(long id) {
    timer = -1;
    if (finished || paused) {
      return; // resume() sets a new one
    }
    long left = timeoutNanos - (System.nanoTime() - lastActivity);
    if (left > 0) {
      timer = vertx.setTimer(Math.max(1, (left + 999_999) / 1_000_000), this::check);
      return;
    }
    finished = true;
    TimeoutException failure =
        new TimeoutException(
            "no bytes of the answer for "
                + Duration.ofNanos(timeoutNanos).toMillis()
                + " ms after "
                + received
                + " received");
    Handler<Throwable> handler = exceptionHandler;
    if (handler != null) {
      handler.handle(failure);
    }
    if (body instanceof HttpClientResponse answer) {
      // the proxy has reset it as it failed the stream, unless nothing was piping the body
      answer.request().reset(0, failure);
    }
    onCut.cut(failure, received);
  }

  private void finish() {
    finished = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
