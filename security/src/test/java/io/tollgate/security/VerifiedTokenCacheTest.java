package io.tollgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

  /** A verifier that accepts the tokens it was told about, until it is told otherwise. */
  static final class Verifier implements JWTParser {
    final Map<String, Long> expirySeconds = new HashMap<>();
    int verifications;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
      verifications++;
      Long exp = expirySeconds.get(token);
      if (exp == null) {
        throw new ParseException("signature does not verify");
      }
      return (JsonWebToken)
          Proxy.newProxyInstance(
              JsonWebToken.class.getClassLoader(),
              new Class<?>[] {JsonWebToken.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getExpirationTime" -> exp;
                    case "getClaim" -> "exp".equals(args[0]) ? exp : null;
                    case "getName" -> token;
                    default -> null;
                  });
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken verify(String token, String secret) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonWebToken parseOnly(String token) {
      throw new UnsupportedOperationException();
    }
  }

  final Verifier verifier = new Verifier();
  final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, now::get);

  @Test
  void aTokenIsVerifiedOnceWhileItIsFresh() throws Exception {
    verifier.expirySeconds.put("alice", now.get() / 1000 + 600);
    JsonWebToken first = cache.parse("alice");
    now.addAndGet(30_000);
    assertSame(first, cache.parse("alice"));
    assertEquals(1, verifier.verifications);
  }

  @Test
  void aTokenIsVerifiedAgainAfterAMinuteSoAWithdrawnKeyStopsWorking() throws Exception {
    verifier.expirySeconds.put("alice", now.get() / 1000 + 3600);
    cache.parse("alice");
    now.addAndGet(VerifiedTokenCache.MAX_AGE_MILLIS);
    verifier.expirySeconds.remove("alice"); // its key was withdrawn
    assertThrows(ParseException.class, () -> cache.parse("alice"));
    assertEquals(2, verifier.verifications);
  }

  @Test
  void aTokenIsNeverServedFromTheCachePastItsExpiry() throws Exception {
    verifier.expirySeconds.put("bob", now.get() / 1000 + 5);
    cache.parse("bob");
    now.addAndGet(5_000);
    verifier.expirySeconds.remove("bob"); // the verifier refuses it now that it has expired
    assertThrows(ParseException.class, () -> cache.parse("bob"));
    assertEquals(2, verifier.verifications);
  }

  @Test
  void aRefusedTokenIsCheckedInFullEveryTime() {
    assertThrows(ParseException.class, () -> cache.parse("forged"));
    assertThrows(ParseException.class, () -> cache.parse("forged"));
    assertEquals(2, verifier.verifications);
  }

  @Test
  void theCacheStaysBounded() throws Exception {
    for (int i = 0; i <= VerifiedTokenCache.MAX_ENTRIES; i++) {
      verifier.expirySeconds.put("user" + i, now.get() / 1000 + 600);
      cache.parse("user" + i);
    }
    // the first token was dropped when the cache filled up, the last one is still known
    cache.parse("user0");
    cache.parse("user" + VerifiedTokenCache.MAX_ENTRIES);
    assertEquals(VerifiedTokenCache.MAX_ENTRIES + 2, verifier.verifications);
  }
}
