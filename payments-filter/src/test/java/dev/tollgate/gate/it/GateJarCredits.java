package dev.tollgate.gate.it;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dev.tollgate.gate.Credits} as the built jar has it, loaded from that jar (this module's classes are kept
 * off the ITs' class path), called through its public methods only: what an app calls.
 */
final class GateJarCredits {

    /** What {@code Spend} answered, in this class loader's terms. */
    record Answer(String outcome, long amount, boolean repeat) {
        boolean charged() {
            return outcome.equals("CHARGED");
        }
    }

    private final Object credits;
    private final Method spend;
    private final Method balance;
    private final Method balanceBySource;
    private final Method entries;
    private final Method spendUnit;
    private final Method balanceOfUnit;
    private final Method balanceBySourceOfUnit;

    private GateJarCredits(Object credits) throws NoSuchMethodException {
        this.credits = credits;
        this.spend = credits.getClass().getMethod("spend", String.class, String.class, long.class);
        this.balance = credits.getClass().getMethod("balance", String.class);
        this.balanceBySource = credits.getClass().getMethod("balanceBySource", String.class);
        this.entries = credits.getClass().getMethod("entries", String.class, int.class);
        this.spendUnit = credits.getClass().getMethod("spend", String.class, String.class, String.class, long.class);
        this.balanceOfUnit = credits.getClass().getMethod("balance", String.class, String.class);
        this.balanceBySourceOfUnit = credits.getClass().getMethod("balanceBySource", String.class, String.class);
    }

    /** {@code Credits.using(dataSource)} from the built jar. */
    static GateJarCredits using(DataSource dataSource) throws Exception {
        ClassLoader jar = new URLClassLoader(new URL[] {Path.of(System.getProperty("gate.jar")).toUri().toURL()},
                GateJarCredits.class.getClassLoader());
        Class<?> type = Class.forName("dev.tollgate.gate.Credits", true, jar);
        return new GateJarCredits(type.getMethod("using", DataSource.class).invoke(null, dataSource));
    }

    Answer spend(String user, String key, long amount) throws SQLException {
        return answer(call(spend, user, key, amount));
    }

    /** {@code Credits.spend(user, unit, key, amount)}: a unit a plan's allowance gives. */
    Answer spend(String user, String unit, String key, long amount) throws SQLException {
        return answer(call(spendUnit, user, unit, key, amount));
    }

    long balance(String user, String unit) throws SQLException {
        return (long) call(balanceOfUnit, user, unit);
    }

    Sources balanceBySource(String user, String unit) throws SQLException {
        return sources(call(balanceBySourceOfUnit, user, unit));
    }

    private static Answer answer(Object answer) {
        try {
            Class<?> type = answer.getClass();
            return new Answer(type.getMethod("outcome").invoke(answer).toString(),
                    (long) type.getMethod("amount").invoke(answer), (boolean) type.getMethod("repeat").invoke(answer));
        } catch (ReflectiveOperationException unexpected) {
            throw new AssertionError("Spend lost a public method", unexpected);
        }
    }

    long balance(String user) throws SQLException {
        return (long) call(balance, user);
    }

    /** What {@code CreditSources} answered, in this class loader's terms. */
    record Sources(long planAllowance, long packs, long grants, long total) {
    }

    Sources balanceBySource(String user) throws SQLException {
        return sources(call(balanceBySource, user));
    }

    private static Sources sources(Object sources) {
        try {
            Class<?> type = sources.getClass();
            return new Sources((long) type.getMethod("planAllowance").invoke(sources),
                    (long) type.getMethod("packs").invoke(sources), (long) type.getMethod("grants").invoke(sources),
                    (long) type.getMethod("total").invoke(sources));
        } catch (ReflectiveOperationException unexpected) {
            throw new AssertionError("CreditSources lost a public method", unexpected);
        }
    }

    /** {@code Credits.entries}, each line as "amount reason detail". */
    List<String> entries(String user, int limit) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (Object entry : (List<?>) call(entries, user, limit)) {
            try {
                Class<?> type = entry.getClass();
                lines.add(type.getMethod("amount").invoke(entry) + " " + type.getMethod("reason").invoke(entry)
                        + " " + type.getMethod("detail").invoke(entry));
            } catch (ReflectiveOperationException unexpected) {
                throw new AssertionError("CreditEntry lost a public method", unexpected);
            }
        }
        return lines;
    }

    /** Invokes {@code method}, rethrowing what it threw (SQLException, IllegalArgumentException) as it was. */
    private Object call(Method method, Object... arguments) throws SQLException {
        try {
            return method.invoke(credits, arguments);
        } catch (InvocationTargetException thrown) {
            Throwable cause = thrown.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(cause);
        } catch (IllegalAccessException unexpected) {
            throw new AssertionError(unexpected);
        }
    }
}
