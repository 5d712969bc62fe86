package io.tollgate.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.testing.OpenApiExamples;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own operations (its API keys), as its hand-written OpenAPI document gives them. */
class GatewayDocumentTest {

  @Test
  void everyBodyOfTheGatewaysOwnOperationsHasAnExample() throws Exception {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/tollgate/gateway-openapi.json")) {
      assertNotNull(in, "gateway-openapi.json is not on the class path");
      JsonNode document = new ObjectMapper().readTree(in);
      assertEquals(List.of(), OpenApiExamples.missing(document), "bodies without an example");
      assertEquals(
          List.of(), OpenApiExamples.nonConforming(document), "examples that break their schema");
    }
  }
}
