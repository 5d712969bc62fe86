package io.tollgate.notification;

import static io.tollgate.testing.OpenApiOperations.assertReadmeListsExactly;
import static io.tollgate.testing.OpenApiOperations.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps notification-service's README true to the code: its endpoints table lists exactly what the
 * OpenAPI document serves, and every setting of its own is in the configuration table.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpReceiver.class)
class NotificationReadmeTest {

  private static final Pattern OWN_SETTING =
      Pattern.compile(
          "^((?:tollgate\\.webhooks|tollgate\\.email|quarkus\\.mailer)\\.[a-z.-]+)=",
          Pattern.MULTILINE);

  @Test
  void theEndpointsTableListsExactlyWhatIsServed() throws Exception {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
    assertReadmeListsExactly(Path.of("README.md"), document());
  }

  @Test
  void everyWebhookAndEmailSettingIsInTheConfigurationTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m =
        OWN_SETTING.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
    List<String> missing =
        m.results()
            .map(r -> r.group(1))
            // always false here and not a knob: the tests' own safety net
            .filter(p -> !p.equals("quarkus.mailer.mock"))
            .filter(p -> !readme.contains("`" + p + "`"))
            .toList();
    assertEquals(List.of(), missing, "settings missing from README.md's configuration table");
    assertTrue(readme.contains("`tollgate.notification.delivery-dead-lettered.v1`"));
  }
}
