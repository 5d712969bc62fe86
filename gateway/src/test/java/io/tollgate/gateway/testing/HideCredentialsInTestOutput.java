package io.tollgate.gateway.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * REST Assured prints a failed request with its headers; the test output is checked for secrets
 * (system-tests' LogSecretsTest), so credentials are printed as {@code [ BLACKLISTED ]} instead.
 */
public class HideCredentialsInTestOutput implements QuarkusTestBeforeEachCallback {

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    RestAssured.config =
        RestAssured.config()
            .logConfig(
                RestAssured.config()
                    .getLogConfig()
                    .blacklistHeader("Authorization", "X-Api-Key", "Cookie"));
  }
}
