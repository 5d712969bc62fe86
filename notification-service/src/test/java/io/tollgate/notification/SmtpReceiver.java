package io.tollgate.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A real SMTP server in the test JVM (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT on a free port),
 * which the mailer is pointed at: every test class of the module shares it, as they share one
 * Quarkus start. It keeps every message it accepted, and refuses a recipient with the reply a test
 * names ({@link #refuse}), as a real server refuses an unknown mailbox.
 *
 * <p>Its state lives in the system class loader's copy of this class and is handed out as JDK
 * types, so that the resource (started by Quarkus) and the tests see the same server whatever class
 * loader loaded them.
 */
public class SmtpReceiver implements QuarkusTestResourceLifecycleManager {

  private static final String PORT = "port";
  private static final String MESSAGES = "messages";
  private static final String REFUSALS = "refusals";
  private static final String HANG_UP = "hang up";

  /** One accepted message: the envelope and the raw data as received (dot-unstuffed). */
  public record Message(String from, List<String> recipients, String data) {}

  @Override
  public Map<String, String> start() {
    return Map.of(
        "quarkus.mailer.host",
        "127.0.0.1",
        "quarkus.mailer.port",
        String.valueOf(state().get(PORT)));
  }

  @Override
  public void stop() {
    // the server outlives each Quarkus application; it dies with the JVM (daemon threads)
  }

  /** Every message accepted for {@code recipient} so far, in order. */
  public static List<Message> messagesTo(String recipient) {
    List<Message> mine = new ArrayList<>();
    for (List<String> raw : messages()) {
      List<String> recipients = List.of(raw.get(1).split(","));
      if (recipients.contains(recipient)) {
        mine.add(new Message(raw.get(0), recipients, raw.get(2)));
      }
    }
    return mine;
  }

  /** Waits until {@code count} messages were accepted for {@code recipient}, and answers them. */
  public static List<Message> awaitMessagesTo(String recipient, int count, Duration wait) {
    Awaitility.await()
        .atMost(wait)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> messagesTo(recipient).size() >= count);
    return messagesTo(recipient);
  }

  /** RCPT TO {@code recipient} is answered {@code reply} (e.g. "550 5.1.1 No such user"). */
  public static void refuse(String recipient, String reply) {
    refuse(recipient, reply, Integer.MAX_VALUE);
  }

  /** The next {@code times} RCPT TO {@code recipient} are answered {@code reply}. */
  public static void refuse(String recipient, String reply, int times) {
    refusals().put(recipient.toLowerCase(Locale.ROOT), times + " " + reply);
  }

  /** RCPT TO {@code recipient} closes the connection without an answer, as a crashed server. */
  public static void hangUpOn(String recipient) {
    refuse(recipient, HANG_UP);
  }

  /** {@code recipient} is accepted again. */
  public static void accept(String recipient) {
    refusals().remove(recipient.toLowerCase(Locale.ROOT));
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> messages() {
    return (List<List<String>>) state().get(MESSAGES);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> refusals() {
    return (Map<String, String>) state().get(REFUSALS);
  }

  private static Map<String, Object> state;

  /** The state of the system class loader's copy of this class: one server per JVM. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> state() {
    try {
      Class<?> holder =
          Class.forName(SmtpReceiver.class.getName(), true, ClassLoader.getSystemClassLoader());
      if (holder == SmtpReceiver.class) {
        return localState();
      }
      Method get = holder.getDeclaredMethod("localState");
      get.setAccessible(true);
      return (Map<String, Object>) get.invoke(null);
    } catch (ReflectiveOperationException e) {
      return localState();
    }
  }

  private static synchronized Map<String, Object> localState() {
    if (state != null) {
      return state;
    }
    Map<String, Object> started = new ConcurrentHashMap<>();
    List<List<String>> messages = new CopyOnWriteArrayList<>();
    Map<String, String> refusals = new ConcurrentHashMap<>();
    ServerSocket server;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test SMTP server", e);
    }
    Thread acceptor =
        new Thread(() -> acceptLoop(server, messages, refusals), "test-smtp-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    started.put(PORT, server.getLocalPort());
    started.put(MESSAGES, messages);
    started.put(REFUSALS, refusals);
    state = started;
    return state;
  }

  private static void acceptLoop(
      ServerSocket server, List<List<String>> messages, Map<String, String> refusals) {
    while (true) {
      try {
        Socket socket = server.accept();
        Thread session =
            new Thread(() -> converse(socket, messages, refusals), "test-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void converse(
      Socket socket, List<List<String>> messages, Map<String, String> refusals) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 localhost ESMTP test receiver");
      String from = null;
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO")) {
          reply(out, "250-localhost\r\n250-8BITMIME\r\n250 SIZE 10485760");
        } else if (command.startsWith("HELO")) {
          reply(out, "250 localhost");
        } else if (command.startsWith("MAIL FROM:")) {
          from = address(line.substring(10));
          recipients.clear();
          reply(out, "250 2.1.0 Ok");
        } else if (command.startsWith("RCPT TO:")) {
          String recipient = address(line.substring(8));
          String refusal = refusal(refusals, recipient.toLowerCase(Locale.ROOT));
          if (HANG_UP.equals(refusal)) {
            return;
          } else if (refusal != null) {
            reply(out, refusal);
          } else {
            recipients.add(recipient);
            reply(out, "250 2.1.5 Ok");
          }
        } else if (command.equals("DATA")) {
          if (from == null || recipients.isEmpty()) {
            reply(out, "503 5.5.1 No valid recipients");
            continue;
          }
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          StringBuilder data = new StringBuilder();
          while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
          }
          messages.add(
              List.of(from, recipients.stream().collect(Collectors.joining(",")), data.toString()));
          from = null;
          recipients.clear();
          reply(out, "250 2.0.0 Ok: queued");
        } else if (command.equals("RSET")) {
          from = null;
          recipients.clear();
          reply(out, "250 2.0.0 Ok");
        } else if (command.equals("NOOP")) {
          reply(out, "250 2.0.0 Ok");
        } else if (command.equals("QUIT")) {
          reply(out, "221 2.0.0 Bye");
          return;
        } else {
          reply(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** The reply a refused recipient gets, counting one refusal down; null when accepted. */
  private static String refusal(Map<String, String> refusals, String recipient) {
    String[] refused = new String[1];
    refusals.computeIfPresent(
        recipient,
        (key, value) -> {
          int space = value.indexOf(' ');
          int times = Integer.parseInt(value.substring(0, space));
          refused[0] = value.substring(space + 1);
          return times <= 1 ? null : (times - 1) + value.substring(space);
        });
    return refused[0];
  }

  private static String address(String argument) {
    String trimmed = argument.trim();
    int open = trimmed.indexOf('<');
    int close = trimmed.indexOf('>');
    return open >= 0 && close > open ? trimmed.substring(open + 1, close) : trimmed.split(" ")[0];
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
