package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ChangeCauseTest {

    @Test
    void aWriteNoTriggerNamedIsRecordedAsOther() {
        assertEquals(ChangeCause.UNNAMED, ChangeCause.current());
        assertEquals("other", ChangeCause.current().source().dbValue());
    }

    @Test
    void theInnermostOpenCauseIsTheOneRecordedAndClosingItRestoresTheOuter() {
        ChangeCause run = ChangeCause.of(ChangeCause.Source.RECONCILE, "drift, run 7");
        ChangeCause event = ChangeCause.event(EventSource.RECONCILE, "evt_1");
        try (ChangeCause.Scope outer = run.open()) {
            try (ChangeCause.Scope inner = event.open()) {
                assertEquals(event, ChangeCause.current());
            }
            assertEquals(run, ChangeCause.current());
        }
        assertEquals(ChangeCause.UNNAMED, ChangeCause.current());
    }

    @Test
    void aCauseIsOpenOnlyOnTheThreadThatOpenedIt() throws Exception {
        try (ChangeCause.Scope open = ChangeCause.of(ChangeCause.Source.RETURN, "cs_1").open()) {
            assertEquals(ChangeCause.UNNAMED, CompletableFuture.supplyAsync(ChangeCause::current).get());
        }
    }

    @Test
    void eachEventSourceNamesItsOwnCause() {
        assertEquals(ChangeCause.Source.WEBHOOK, ChangeCause.event(EventSource.WEBHOOK, "evt").source());
        assertEquals(ChangeCause.Source.REPLAY, ChangeCause.event(EventSource.REPLAY, "evt").source());
        assertEquals(ChangeCause.Source.RENEWAL_CHECK, ChangeCause.Source.fromDb("renewal_check"));
        assertEquals(ChangeCause.Source.OTHER, ChangeCause.Source.fromDb("from a later release"));
    }
}
