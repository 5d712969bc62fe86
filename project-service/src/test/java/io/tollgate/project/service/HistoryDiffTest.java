package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryDiffTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesTheFieldsThatChangedButNotTheBookkeeping() throws Exception {
    var before =
        JSON.readTree(
            "{\"name\":\"A\",\"budget\":{\"amount\":\"1.00\"},\"version\":1,\"note\":null}");
    var after =
        JSON.readTree(
            "{\"name\":\"B\",\"budget\":{\"amount\":\"1.00\"},\"version\":2,\"note\":\"x\"}");
    assertEquals(List.of("name", "note"), History.changedFields(before, after));
    assertEquals(List.of("name", "budget"), History.changedFields(null, before));
    assertEquals(List.of(), History.changedFields(before, before));
  }
}
