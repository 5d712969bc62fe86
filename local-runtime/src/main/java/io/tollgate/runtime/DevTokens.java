package io.tollgate.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A local token issuer: an RSA key pair kept in a folder and RS256-signed JWTs for it. The
 * launcher's {@code ./tollgate token} and the tests use it; production points the services at a
 * real identity provider's JWKS instead.
 *
 * <pre>java -cp ... io.tollgate.runtime.DevTokens --dir .tollgate/jwt --user alice --role MEMBER
 * </pre>
 */
public final class DevTokens {

  public static final String ISSUER = "https://tollgate.local/issuer";
  public static final String AUDIENCE = "tollgate";
  public static final String PUBLIC_KEY_FILE = "public.pem";
  private static final String PRIVATE_KEY_FILE = "private.pem";

  private final KeyPair keys;
  private final Path publicKeyFile;

  private DevTokens(KeyPair keys, Path publicKeyFile) {
    this.keys = keys;
    this.publicKeyFile = publicKeyFile;
  }

  /** The key pair in {@code dir}, made there on first use. */
  public static DevTokens in(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        // a key made by an older launcher may be readable by others
        ownerOnly(privateFile);
        PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(privateFile)));
        PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(pem(publicFile)));
        return new DevTokens(new KeyPair(pub, priv), publicFile);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      // anyone who reads it can sign tokens the local platform trusts, any role included: the
      // file is the owner's alone before the key is written into it
      Files.deleteIfExists(privateFile);
      Files.createFile(privateFile);
      ownerOnly(privateFile);
      write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
      write(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
      return new DevTokens(pair, publicFile);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read or make the signing keys in " + dir, e);
    }
  }

  /** The PEM file services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
  public Path publicKeyFile() {
    return publicKeyFile;
  }

  /** A token for {@code user} with platform {@code roles}, valid for {@code ttl}. */
  public String token(String user, List<String> roles, Duration ttl) {
    return sign(user, roles, ISSUER, AUDIENCE, Instant.now().plus(ttl));
  }

  /** A token with every claim chosen by the caller (tests use it for wrong issuers and expiry). */
  public String sign(String user, List<String> roles, String issuer, String audience, Instant exp) {
    return sign(user, roles, issuer, audience, exp, null);
  }

  /**
   * As {@link #token(String, List, Duration)}, with more claims: {@code extraClaims} are JSON
   * object members, e.g. {@code "scope":"READ_ONLY"} as the token of a read-only API key carries.
   */
  public String token(String user, List<String> roles, Duration ttl, String extraClaims) {
    return sign(user, roles, ISSUER, AUDIENCE, Instant.now().plus(ttl), extraClaims);
  }

  private String sign(
      String user,
      List<String> roles,
      String issuer,
      String audience,
      Instant exp,
      String extraClaims) {
    long now = Instant.now().getEpochSecond();
    String groups =
        roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(",", "[", "]"));
    String claims =
        "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":%s,\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
            .formatted(
                json(issuer),
                json(audience),
                json(user),
                json(user),
                groups,
                now,
                exp.getEpochSecond(),
                UUID.randomUUID());
    if (extraClaims != null && !extraClaims.isBlank()) {
      claims = claims.substring(0, claims.length() - 1) + "," + extraClaims + "}";
    }
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String signingInput =
        b64(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(keys.getPrivate());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /**
   * The platform's roles ({@code io.tollgate.security.PlatformRole}, which this module cannot see):
   * a token with any other role is accepted by the services and lets its bearer do nothing more.
   */
  public static final List<String> ROLES = List.of("ADMIN", "PMO", "MEMBER");

  /** The longest token {@code --ttl-minutes} mints: a year. */
  static final long MAX_TTL_MINUTES = 525_600;

  static final String USAGE =
      "usage: ./tollgate token --user NAME [--role ADMIN|PMO|MEMBER]... [--ttl-minutes N]";

  public static void main(String[] args) {
    int exit;
    try {
      exit = run(args, System.out, System.err);
    } catch (IOException e) {
      // keys that cannot be read or made: one line, what and why, not a stack trace
      System.err.println(
          e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
      exit = 1;
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * The command line: prints a token (or with {@code --public-key} the public key's path) and
   * answers 0, or says what is wrong with the arguments and the usage, and answers 2.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path dir = Path.of(".tollgate/jwt");
    String user = null;
    Set<String> roles = new LinkedHashSet<>();
    Duration ttl = Duration.ofHours(8);
    boolean publicKey = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dir" -> dir = Path.of(value(args, ++i));
          case "--user" -> user = value(args, ++i);
          case "--role" -> roles.add(role(value(args, ++i)));
          case "--ttl-minutes" -> ttl = Duration.ofMinutes(minutes(value(args, ++i)));
          case "--public-key" -> publicKey = true;
          case "-h", "--help" -> {
            out.println(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option: " + args[i]);
        }
      }
      if (!publicKey && user == null) {
        throw new IllegalArgumentException("--user is required");
      }
    } catch (IllegalArgumentException e) {
      err.println("tollgate token: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (publicKey) {
      out.println(in(dir).publicKeyFile().toAbsolutePath());
      return 0;
    }
    if (roles.isEmpty()) {
      roles.add("MEMBER");
    }
    out.println(in(dir).token(user, List.copyOf(roles), ttl));
    return 0;
  }

  /** The value after option {@code args[i - 1]}: there, and not the next option. */
  private static String value(String[] args, int i) {
    if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static String role(String given) {
    String role = given.toUpperCase(Locale.ROOT);
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "unknown role %s: the platform's roles are %s"
              .formatted(given, String.join(", ", ROLES)));
    }
    return role;
  }

  private static long minutes(String given) {
    long minutes;
    try {
      minutes = Long.parseLong(given);
    } catch (NumberFormatException e) {
      minutes = -1;
    }
    if (minutes < 1 || minutes > MAX_TTL_MINUTES) {
      throw new IllegalArgumentException(
          "--ttl-minutes takes a whole number of minutes from 1 to %d (a year), not %s"
              .formatted(MAX_TTL_MINUTES, given));
    }
    return minutes;
  }

  private static byte[] pem(Path file) throws IOException {
    String body =
        Files.readString(file)
            .lines()
            .filter(l -> !l.startsWith("-----"))
            .collect(Collectors.joining());
    return Base64.getDecoder().decode(body);
  }

  private static void write(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions (Windows): its ACLs are the user's own
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
