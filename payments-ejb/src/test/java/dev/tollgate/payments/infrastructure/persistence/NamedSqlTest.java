package dev.tollgate.payments.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToCreateStatementException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook path's own statement runner, on a real H2 transaction: names bind by name, mistakes fail loudly. */
class NamedSqlTest {

    private static final NamedSql INSERT =
            NamedSql.of("insert into note (id, amount, at) values (:id, :amount, :at)");
    private static final NamedSql ADD =
            NamedSql.of("update note set amount = amount + :amount where id = :id");
    private static final NamedSql READ =
            NamedSql.of("select id, amount, at from note where id = :id or (:id = 'all' and id <> :id)");

    private OneConnection db;

    @BeforeEach
    void open() throws Exception {
        db = OneConnection.onNewSchema();
        NamedSql.of("create table note (id varchar(20) primary key, amount bigint, at timestamp with time zone)")
                .in(db).execute();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void valuesBindByNameWhateverTheirOrderAndARepeatedNameTakesOneValue() {
        Instant at = Instant.parse("2026-12-04T10:15:30.123456Z");
        assertEquals(1, INSERT.in(db).bind("at", at).bind("amount", 5L).bind("id", "a").execute());
        INSERT.in(db).bind("id", "b").bind("amount", (Long) null).bind("at", (Instant) null).execute();

        assertEquals(Optional.of("a 5 " + at), READ.in(db).bind("id", "a").findOne(NamedSqlTest::asText));
        assertEquals(Optional.of("b 0 null"), READ.in(db).bind("id", "b").findOne(NamedSqlTest::asText));
        assertEquals(Optional.empty(), READ.in(db).bind("id", "c").findOne(NamedSqlTest::asText));
        assertEquals(List.of("a", "b"), READ.in(db).bind("id", "all").list(row -> row.getString("id")));
    }

    @Test
    void aWriteBackThatChangesNoRowOrAReadOfManyRowsFails() {
        INSERT.in(db).bind("id", "a").bind("amount", 1L).bind("at", Instant.EPOCH).execute();
        INSERT.in(db).bind("id", "b").bind("amount", 1L).bind("at", Instant.EPOCH).execute();

        ADD.in(db).bind("id", "a").bind("amount", 2L).executeOnOneRow("note", "a");
        assertEquals(Optional.of("a 3 " + Instant.EPOCH), READ.in(db).bind("id", "a").findOne(NamedSqlTest::asText));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> ADD.in(db).bind("id", "gone").bind("amount", 2L).executeOnOneRow("note", "gone"));
        assertTrue(none.getMessage().contains("0 rows, not one, of note for gone"), none.getMessage());
        assertThrows(IllegalStateException.class,
                () -> READ.in(db).bind("id", "all").findOne(row -> row.getString("id")));
    }

    @Test
    void anUnknownNameAMissingValueAndADriverFailureAreJdbisExceptions() {
        assertThrows(UnableToCreateStatementException.class, () -> INSERT.in(db).bind("ammount", 1L));
        assertThrows(UnableToCreateStatementException.class,
                () -> INSERT.in(db).bind("id", "a").bind("amount", 1L).execute());
        INSERT.in(db).bind("id", "a").bind("amount", 1L).bind("at", Instant.EPOCH).execute();
        UnableToExecuteStatementException duplicate = assertThrows(UnableToExecuteStatementException.class,
                () -> INSERT.in(db).bind("id", "a").bind("amount", 1L).bind("at", Instant.EPOCH).execute());
        assertTrue(duplicate.getCause() instanceof SQLException, String.valueOf(duplicate.getCause()));
    }

    private static String asText(ResultSet row) throws SQLException {
        OffsetDateTime at = row.getObject("at", OffsetDateTime.class);
        return row.getString("id") + " " + row.getLong("amount") + " " + (at == null ? null : at.toInstant());
    }
}
