package io.tollgate.eventing;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.dialect.identity.IdentityColumnSupport;
import org.hibernate.dialect.identity.PostgreSQLIdentityColumnSupport;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.generator.EventType;
import org.hibernate.id.insert.GetGeneratedKeysDelegate;
import org.hibernate.persister.entity.EntityPersister;

/**
 * PostgreSQL as Hibernate knows it, except that an insert into a table with an identity column asks
 * the driver for that column alone ({@code returning "seq"}).
 *
 * <p>Hibernate's default asks for "the generated keys" without naming them, for which the
 * PostgreSQL driver appends {@code returning *}: the whole row came back (the outbox's JSON
 * payload, a history entry's snapshots), and because that row's size is unbounded the driver first
 * spent a round trip of its own on a Sync. Four such inserts made every project create four round
 * trips longer (docs/performance.md, "Creates again").
 */
public class InsertReturningPostgreSQLDialect extends PostgreSQLDialect {

  private static final IdentityColumnSupport IDENTITY_COLUMNS =
      new PostgreSQLIdentityColumnSupport() {
        @Override
        public GetGeneratedKeysDelegate buildGetGeneratedKeysDelegate(EntityPersister persister) {
          // false: name the identity column instead of letting the driver infer the keys
          return new GetGeneratedKeysDelegate(persister, false, EventType.INSERT);
        }
      };

  public InsertReturningPostgreSQLDialect() {
    super();
  }

  public InsertReturningPostgreSQLDialect(DialectResolutionInfo info) {
    super(info);
  }

  @Override
  public IdentityColumnSupport getIdentityColumnSupport() {
    return IDENTITY_COLUMNS;
  }
}
