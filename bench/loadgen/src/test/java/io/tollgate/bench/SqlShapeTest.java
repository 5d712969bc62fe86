package io.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlShapeTest {

  static final String LOG =
      """
      2026-11-25 18:10:53.708 UTC [24475] LOG:  statement: BEGIN
      2026-11-25 18:10:53.712 UTC [24475] LOG:  execute S_7: delete from outbox_event where seq in ( select seq from outbox_event order by seq limit $1 for update skip locked) returning seq, topic, event_key, payload, event_id
      2026-11-25 18:10:53.713 UTC [24475] LOG:  execute S_1: COMMIT
      2026-11-25 18:10:53.845 UTC [24475] LOG:  statement: BEGIN
      2026-11-25 18:10:53.846 UTC [24475] LOG:  execute <unnamed>: select count(*) from project p1_0 where p1_0.project_key=$1
      2026-11-25 18:10:53.846 UTC [24475] DETAIL:  parameters: $1 = 'ZZ1'
      2026-11-25 18:10:53.850 UTC [24999] LOG:  execute <unnamed>: select 1
      2026-11-25 18:10:53.895 UTC [24475] LOG:  execute <unnamed>: insert into project (archived,id) values ($1,$2)
      2026-11-25 18:10:53.942 UTC [24475] LOG:  execute <unnamed>: insert into outbox_event (attempts,created_at) values ($1,$2)
      2026-11-25 18:10:53.981 UTC [24475] LOG:  execute S_1: COMMIT
      2026-11-25 18:10:53.984 UTC [24475] LOG:  statement: BEGIN
      """;

  @Test
  void theServiceTransactionIsTheOneAroundTheMarker() {
    assertEquals(
        List.of("select project", "insert project", "insert outbox_event"),
        SqlShape.service(LOG.lines().toList(), "insert into project "));
  }

  @Test
  void theShippedTwinHasTheShapeItClaims() throws Exception {
    Path script = Path.of("../sql/create.sql");
    assertEquals(
        // no lookups before the inserts: a duplicate key is answered from the unique constraint
        List.of(
            "insert project",
            "insert project_history",
            "insert outbox_event",
            "insert stakeholder",
            "insert project_history",
            "insert outbox_event"),
        SqlShape.twin(Files.readString(script)));
  }
}
