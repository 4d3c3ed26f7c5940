package dev.tollgate.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the JVM logs through {@code java.util.logging} while this is open: the records of a server running in the
 * test's JVM (embedded Tomcat, the demo), so a test can read what an operator would find in the log.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog() {
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts capturing every record that reaches the root logger. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** The records so far, oldest first. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** How many records so far have a message that starts with {@code start}, e.g. one refusal's log line. */
    public long linesStartingWith(String start) {
        return records().stream().map(LogRecord::getMessage)
                .filter(message -> message != null && message.startsWith(start)).count();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
