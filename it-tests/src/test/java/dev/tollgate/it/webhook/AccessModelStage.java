package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoOptions;
import java.time.Duration;

/** The stage the model-based access test plays on: the sample app gated by the rules the model checks. */
abstract class AccessModelStage extends StageScenarios {

    static final AccessOracle ORACLE = new AccessOracle(Duration.ofDays(3)); // PAYMENTS_GRACE_DAYS default

    @Override
    DemoOptions configure(DemoOptions options) {
        return gated(options);
    }

    /** The sample app's rules the model checks: a page per plan, and a page that costs credits a request. */
    static DemoOptions gated(DemoOptions options) {
        return options.withSampleAppSetting("PAYMENTS_PROTECT", "/pro/*=plan:pro; /basic/*=plan:basic;"
                + " /credits/*=credits:" + AccessModelRun.CREDITS_PER_REQUEST);
    }
}
