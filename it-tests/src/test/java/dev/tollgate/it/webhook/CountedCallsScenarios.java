package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoOptions;

/**
 * Stage scenarios that count the Stripe calls of a user's request (the emulator's per-resource counts): the WAR's
 * reconcile jobs run only when asked, so no scheduled catch-up adds calls of its own while a test counts.
 */
abstract class CountedCallsScenarios extends StageScenarios {

    @Override
    DemoOptions configure(DemoOptions options) {
        return WebhookStage.reconcilingOnlyWhenAsked(options);
    }
}
