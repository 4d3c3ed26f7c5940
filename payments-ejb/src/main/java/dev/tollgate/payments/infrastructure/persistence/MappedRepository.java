package dev.tollgate.payments.infrastructure.persistence;

import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A repository of the entitlement state over one table mapped by hand: its key, the columns a write sets, how a
 * row reads back and what an object writes. Every statement runs in the caller's transaction through
 * {@link TransactionalJdbc}; a subclass adds only its own queries.
 *
 * @param <T> the domain object a row holds
 */
abstract class MappedRepository<T> {

    @Inject
    TransactionalJdbc jdbc;

    private final String select;
    private final String insert;
    private final String update;

    /** @param written the columns an insert or update sets besides the key, in the order of {@link #written} */
    MappedRepository(String table, String key, List<String> written) {
        String columns = String.join(", ", written);
        this.select = "select " + columns + ", " + key + " from " + table + " ";
        this.insert = "insert into " + table + " (" + columns + ", " + key + ") values ("
                + "?, ".repeat(written.size()) + "?)";
        this.update = "update " + table + " set " + String.join(" = ?, ", written) + " = ? where " + key + " = ?";
    }

    /** Reads a row of the written columns and the key. */
    abstract T read(ResultSet row) throws SQLException;

    /** The values of the written columns in their order, then the key. */
    abstract Object[] written(T object);

    /** Inserts the object's row; a second row with its key fails on the primary key, inside the transaction. */
    public void add(T object) {
        jdbc.execute(insert, written(object));
    }

    /** Writes the object back over its row, which must be there (see {@link TransactionalJdbc#updateOne}). */
    public void update(T object) {
        jdbc.updateOne(update, written(object));
    }

    /** The row {@code clause} (e.g. {@code where user_id = ? for update}) finds by its one parameter. */
    Optional<T> one(String clause, String parameter) {
        return jdbc.one(select + clause, parameter, this::read);
    }

    /** Every row {@code clause} finds by its one parameter. */
    List<T> list(String clause, String parameter) {
        return jdbc.list(select + clause, parameter, this::read);
    }
}
