package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The checks the webhook's one pass over a body makes besides Gson's strict syntax. */
class StrictJsonReaderTest {

    /** Reads the whole body through the reader's own skip, as the event reader skips what it does not need. */
    private static void read(String json) throws IOException {
        try (StrictJsonReader reader = new StrictJsonReader(json)) {
            reader.skipValue();
        }
    }

    private static String objectWithNames(int count, String extra) {
        return IntStream.range(0, count).mapToObj(i -> "\"f" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", extra + "}"));
    }

    @Test
    void aNameTwiceInOneObjectIsRefusedAndNamed() {
        RejectedWebhookException refused = assertThrows(RejectedWebhookException.class,
                () -> read("{\"id\":\"evt_1\",\"type\":\"a\",\"id\":\"evt_2\"}"));
        assertTrue(refused.getMessage().contains("'id' twice"), refused.getMessage());
        assertThrows(RejectedWebhookException.class, () -> read(objectWithNames(50, ",\"f49\":0")));
    }

    @Test
    void eachObjectHasItsOwnNames() {
        assertDoesNotThrow(() -> read("{\"id\":1,\"data\":{\"id\":2,\"object\":{\"id\":3}},\"object\":\"event\"}"));
        assertDoesNotThrow(() -> read("{\"items\":[{\"id\":1,\"price\":{\"id\":2}},{\"id\":3,\"price\":{\"id\":4}}]}"));
        String large = objectWithNames(50, "");
        assertDoesNotThrow(() -> read("{\"a\":" + large + ",\"b\":" + large + ",\"f0\":1}"),
                "an inner object's names are forgotten when it ends");
        assertThrows(RejectedWebhookException.class,
                () -> read("{\"data\":{\"a\":1},\"id\":1,\"data\":2}"), "the outer object's names are kept");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        int limit = StrictJsonReader.MAX_DEPTH;
        assertThrows(RejectedWebhookException.class, () -> read("[".repeat(limit + 1) + "]".repeat(limit + 1)));
        assertDoesNotThrow(() -> read("{\"a\":".repeat(limit - 1) + "{}" + "}".repeat(limit - 1)));
    }
}
