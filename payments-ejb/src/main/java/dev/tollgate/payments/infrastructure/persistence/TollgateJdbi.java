package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * How Tollgate's statements talk to the database through Jdbi, whoever lends the connection: an {@link Instant}
 * is bound and read as the {@code TIMESTAMP WITH TIME ZONE} in UTC that {@link InstantAsTimestamp} stores for the
 * entities (Jdbi's own mapping goes through {@code java.sql.Timestamp} and the JVM's time zone), and a handle's
 * end leaves the transaction alone: the container or {@code LocalTransactions} commits it, not the statements.
 */
public final class TollgateJdbi implements JdbiPlugin {

    private TollgateJdbi() {
    }

    /** {@code jdbi} set up for Tollgate's tables and transactions. */
    public static Jdbi configure(Jdbi jdbi) {
        return jdbi.installPlugin(new TollgateJdbi());
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        // Statements are sent as written: no template rendering of every statement on the webhook path. The ones
        // that need it (a list bound with bindList) ask for it themselves (TransactionalJdbc#listByKeys).
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(new NoTemplateEngine());
        // A null bound without a Java type (bind(name, (Object) null)) is "of no type" to both databases, which
        // then take the column's type; Jdbi's default, OTHER, is a Java object column type to H2.
        jdbi.getConfig(Arguments.class).setUntypedNullArgument(new NullArgument(Types.NULL));
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerColumnMapper(Instant.class,
                (row, column, context) -> InstantAsTimestamp.fromColumn(row.getObject(column, OffsetDateTime.class)));
    }

    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {

        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position, InstantAsTimestamp.toColumn(value));
        }
    }
}
