package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;

/**
 * Plain SQL inside the caller's transaction, through Jdbi on the connection that transaction runs on, so that a
 * statement and the entities' changes commit or roll back together. For the webhook path's tables — the event
 * log and the entitlement state — where the persistence provider's per-statement machinery cost more than the
 * statement itself. Every statement names its parameters; instants travel as {@code TIMESTAMP WITH TIME ZONE}
 * in UTC ({@link TollgateJdbi}).
 */
public interface TransactionalJdbc {

    /** Runs {@code work} with a handle on the running transaction's connection; the transaction ends elsewhere. */
    <T> T withHandle(HandleCallback<T, RuntimeException> work);

    /**
     * Runs {@code work} on the running transaction's connection, for the plain prepared statements of the webhook
     * path ({@link NamedSql}); where the transaction owns its connection this opens no Jdbi handle.
     */
    default <T> T withConnection(Function<Connection, T> work) {
        return withHandle(handle -> work.apply(handle.getConnection()));
    }

    /**
     * Every row {@code sql} finds by a list of keys, written {@code <keys>} in it ({@code where id in (<keys>)}),
     * each read by {@code mapper}; none for no keys, without asking the database.
     */
    default <T> List<T> listByKeys(String sql, Collection<String> keys, RowMapper<T> mapper) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return withHandle(handle -> handle.createQuery(sql)
                // the list's placeholders are rendered into <keys>: the only statements that need templates
                .configure(SqlStatements.class, statements ->
                        statements.setTemplateEngine(new DefinedAttributeTemplateEngine()))
                .bindList("keys", List.copyOf(keys))
                .map(mapper)
                .list());
    }

    /**
     * Runs a write-back of the stored row {@code key} of {@code table}. Every caller read that row in this
     * transaction, so anything but one row touched is a bug upstream: it fails loudly, and the transaction rolls
     * back rather than losing the write.
     */
    default void updateOne(String table, String key, Function<Handle, Update> statement) {
        int updated = withHandle(handle -> statement.apply(handle).execute());
        if (updated != 1) {
            throw new IllegalStateException(updated + " rows, not one, of " + table + " for " + key);
        }
    }

    /**
     * Notes {@code key} in the running transaction, for what the transaction holds until it ends (a row lock).
     *
     * @return true the first time, false when this transaction has noted it before
     */
    boolean noteInCurrentTransaction(Object key);
}
