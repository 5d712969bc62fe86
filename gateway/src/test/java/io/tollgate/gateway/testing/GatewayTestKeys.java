package io.tollgate.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tollgate.testing.TestTokens;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the gateway the private key that {@link TestTokens} signs with, so that the tokens it mints
 * for API keys verify wherever test tokens do. {@code TollgateInfrastructure} hands out only the
 * public half.
 */
public class GatewayTestKeys implements QuarkusTestResourceLifecycleManager {

  /** Where {@link TestTokens} keeps its key pair (made on first use). */
  public static final Path PRIVATE_KEY = Path.of("target", "test-jwt", "private.pem");

  @Override
  public Map<String, String> start() {
    TestTokens.token("key-setup", "MEMBER"); // makes the key pair if this JVM has none yet
    return Map.of(
        "gateway.api-keys.signing-key-location", PRIVATE_KEY.toAbsolutePath().toUri().toString());
  }

  @Override
  public void stop() {}
}
