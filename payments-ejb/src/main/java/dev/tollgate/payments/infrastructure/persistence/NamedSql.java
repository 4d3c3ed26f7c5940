package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.UnableToCreateStatementException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A statement of the webhook path, written with named parameters and run as a plain {@link PreparedStatement} on
 * the transaction's own connection ({@code Handle.getConnection()}). Jdbi's statement objects copy the handle's
 * whole configuration, render the template and look up an argument factory for every bound value, on every
 * statement: on the hot path that cost more than the statement's round trip (docs/benchmarks.md, "Webhooks").
 * Here the text is parsed once, by Jdbi's own parser, into the driver's {@code ?} form and the order of its
 * names; a value binds by name and Java type, as Jdbi would bind it. A failure is Jdbi's
 * {@link UnableToExecuteStatementException}, as from the other statements, with the driver's exception as cause.
 */
final class NamedSql {

    private static final SqlParser PARSER = new ColonPrefixSqlParser();

    private final String text;
    private final String positional;
    /** The parameter's name at each position (a name used twice holds two). */
    private final List<String> names;
    /** The positions, from 0, of each name. */
    private final Map<String, int[]> positionsByName;

    private NamedSql(String text) {
        ParsedSql parsed = PARSER.parse(text, null);
        this.text = text;
        this.positional = parsed.getSql();
        this.names = parsed.getParameters().getParameterNames();
        Map<String, int[]> positions = new HashMap<>();
        for (int at = 0; at < names.size(); at++) {
            int[] known = positions.getOrDefault(names.get(at), new int[0]);
            int[] grown = Arrays.copyOf(known, known.length + 1);
            grown[known.length] = at;
            positions.put(names.get(at), grown);
        }
        this.positionsByName = Map.copyOf(positions);
    }

    /** {@code text} with its {@code :name} parameters; parse it once, into a constant. */
    static NamedSql of(String text) {
        return new NamedSql(text);
    }

    /** A run of this statement in the running transaction of {@code jdbc}, to bind and execute once. */
    Run in(TransactionalJdbc jdbc) {
        return new Run(jdbc);
    }

    /** Reads one row of a result; the repositories' mappers. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Sets one bound value at a position of the prepared statement. */
    @FunctionalInterface
    private interface Value {
        void setAt(PreparedStatement statement, int position) throws SQLException;
    }

    /** One execution: the values bound by name, then the statement prepared, filled and run. */
    final class Run {

        private final TransactionalJdbc jdbc;
        /** The value bound at each position, in the order of {@link #names}. */
        private final Value[] values = new Value[names.size()];

        private Run(TransactionalJdbc jdbc) {
            this.jdbc = jdbc;
        }

        Run bind(String name, String value) {
            return set(name, value == null ? nullOf(Types.VARCHAR) : (statement, at) -> statement.setString(at, value));
        }

        Run bind(String name, long value) {
            return set(name, (statement, at) -> statement.setLong(at, value));
        }

        Run bind(String name, Long value) {
            return value == null ? set(name, nullOf(Types.BIGINT)) : bind(name, value.longValue());
        }

        Run bind(String name, int value) {
            return set(name, (statement, at) -> statement.setInt(at, value));
        }

        Run bind(String name, boolean value) {
            return set(name, (statement, at) -> statement.setBoolean(at, value));
        }

        /** As {@code TIMESTAMP WITH TIME ZONE} in UTC, as {@link TollgateJdbi} binds it for Jdbi's statements. */
        Run bind(String name, Instant value) {
            return set(name, value == null ? nullOf(Types.TIMESTAMP_WITH_TIMEZONE)
                    : (statement, at) -> statement.setObject(at, InstantAsTimestamp.toColumn(value)));
        }

        /** The rows changed. */
        int execute() {
            return jdbc.withConnection(connection -> {
                try (PreparedStatement statement = prepared(connection)) {
                    return statement.executeUpdate();
                } catch (SQLException failure) {
                    throw failed(failure);
                }
            });
        }

        /**
         * A write-back of the stored row {@code key} of {@code table}, which the caller read in this transaction:
         * anything but one row changed is a bug upstream, so it fails loudly and the transaction rolls back.
         */
        void executeOnOneRow(String table, String key) {
            int updated = execute();
            if (updated != 1) {
                throw new IllegalStateException(updated + " rows, not one, of " + table + " for " + key);
            }
        }

        /** Every row of the result, each read by {@code reader}. */
        <T> List<T> list(RowReader<T> reader) {
            return jdbc.withConnection(connection -> {
                try (PreparedStatement statement = prepared(connection);
                     ResultSet rows = statement.executeQuery()) {
                    List<T> read = new ArrayList<>();
                    while (rows.next()) {
                        read.add(reader.read(rows));
                    }
                    return read;
                } catch (SQLException failure) {
                    throw failed(failure);
                }
            });
        }

        /** The one row of the result; empty when there is none. More than one is a bug in the statement. */
        <T> Optional<T> findOne(RowReader<T> reader) {
            List<T> read = list(reader);
            if (read.size() > 1) {
                throw new IllegalStateException(read.size() + " rows, not at most one, from: " + text);
            }
            return read.stream().findFirst();
        }

        private Run set(String name, Value value) {
            int[] positions = positionsByName.get(name);
            if (positions == null) {
                throw new UnableToCreateStatementException("no parameter :" + name + " in: " + text);
            }
            for (int position : positions) {
                values[position] = value;
            }
            return this;
        }

        private PreparedStatement prepared(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(positional);
            try {
                for (int at = 0; at < values.length; at++) {
                    if (values[at] == null) {
                        throw new UnableToCreateStatementException("no value bound for :" + names.get(at)
                                + " in: " + text);
                    }
                    values[at].setAt(statement, at + 1);
                }
                return statement;
            } catch (SQLException | RuntimeException failure) {
                statement.close();
                throw failure;
            }
        }

        private UnableToExecuteStatementException failed(SQLException failure) {
            // the driver's exception as it is: the statement's text and values stay out of the message
            return new UnableToExecuteStatementException(failure, null);
        }
    }

    private static Value nullOf(int sqlType) {
        return (statement, at) -> statement.setNull(at, sqlType);
    }
}
