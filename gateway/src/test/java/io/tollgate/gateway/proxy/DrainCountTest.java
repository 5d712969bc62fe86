package io.tollgate.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.gateway.testing.RequestsDone;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stopping gateway waits for the requests Quarkus counts in flight (ADR 0016), and Quarkus counts
 * a request out when it is done: its response ended, closed or failed. A forwarded answer that ends
 * any other way than in full must be counted out too; one that is not would make a stopping gateway
 * wait out the whole {@code quarkus.shutdown.timeout}. The proxy resets an HTTP/1.x answer whose
 * client went away mid-body, and a Vert.x response reset so had ended without telling anyone
 * ({@link ForwardedRequest}). Each way is tried twice: which of the client's going and the proxy's
 * reset the gateway sees first is a race.
 */
@QuarkusTest
class DrainCountTest {

  private static final String RISKS = "/api/v1/risks";
  // far more than the socket buffers between the gateway and the client hold
  private static final int LARGE = 64 * 1024 * 1024;

  @TestHTTPResource("/")
  URL gateway;

  @Test
  void aForwardedAnswerIsCountedDoneHoweverItEnds() throws Exception {
    for (int round = 0; round < 2; round++) {
      // the client resets its connection while the body streams
      String name = "reset-while-streaming-" + UUID.randomUUID();
      try (Socket socket = download(name, RISKS + "/stream?bytes=" + LARGE)) {
        readSome(socket);
        socket.setSoLinger(true, 0);
      }
      assertDone(name);

      // the client closes its connection while the body streams
      name = "closed-while-streaming-" + UUID.randomUUID();
      try (Socket socket = download(name, RISKS + "/stream?bytes=" + LARGE)) {
        readSome(socket);
      }
      assertDone(name);

      // the client resets a download the service holds, which then sends the rest
      name = "reset-while-held-" + UUID.randomUUID();
      String hold = UUID.randomUUID().toString();
      try (Socket socket =
          download(
              name, RISKS + "/stream?bytes=" + 4 * UpstreamServers.HELD_PREFIX + "&hold=" + hold)) {
        readSome(socket);
        socket.setSoLinger(true, 0);
      }
      given()
          .header("Authorization", TestTokens.bearer("releaser", "MEMBER"))
          .when()
          .post(RISKS + "/_release?token=" + hold)
          .then()
          .statusCode(204);
      assertDone(name);

      // and one answered in full
      name = "in-full-" + UUID.randomUUID();
      try (Socket socket = download(name, RISKS + "/stream?bytes=1000")) {
        assertThat(readToEnd(socket).endsWith("\r\n0\r\n\r\n"), is(true));
      }
      assertDone(name);
    }
  }

  /** A download of the caller's own, watched by {@link RequestsDone} under {@code name}. */
  private Socket download(String name, String target) throws IOException {
    Socket socket = new Socket(gateway.getHost(), gateway.getPort());
    socket.setSoTimeout(15_000);
    String head =
        "GET "
            + target
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: "
            + TestTokens.bearer("drained-" + UUID.randomUUID(), "MEMBER")
            + "\r\n"
            + RequestsDone.HEADER
            + ": "
            + name
            + "\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** The head and the first bytes of the body: the answer is streaming. */
  private static void readSome(Socket socket) throws IOException {
    byte[] some = socket.getInputStream().readNBytes(32 * 1024);
    assertThat(new String(some, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "), is(true));
  }

  private static String readToEnd(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /**
   * The gateway learns of a client gone from its connection, a moment after the client went: waits
   * for that, a few seconds at most, then asks.
   */
  private static void assertDone(String name) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!RequestsDone.done(name) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(name + " counted done", RequestsDone.done(name), is(true));
  }
}
