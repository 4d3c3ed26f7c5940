package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.RenewalCheckRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactions around the gate's renewal questions: claiming open ones and answering them, each short and
 * committed on its own, so no row of {@code renewal_check} stays locked while Stripe is asked.
 */
@Stateless
@Dependent
@Transactional
public class RenewalCheckService {

    /** A claim older than this is taken to belong to a node that stopped, and the question is open again. */
    static final Duration CLAIM_EXPIRES_AFTER = Duration.ofSeconds(30);
    /** Questions claimed per poll; the rest wait for the next one, a fraction of a second later. */
    static final int CLAIMS_PER_POLL = 20;

    @Inject
    RenewalCheckRepository questions;

    @Inject
    Clock clock;

    /** Claims open questions for this node; returns the users it won (another node may win some). */
    public List<String> claimOpen() {
        Instant now = clock.instant();
        Instant expired = now.minus(CLAIM_EXPIRES_AFTER);
        List<String> won = new ArrayList<>();
        for (String user : questions.openUsers(expired, CLAIMS_PER_POLL)) {
            if (questions.claim(user, now, expired)) {
                won.add(user);
            }
        }
        return won;
    }

    public void answer(String userId) {
        questions.answer(userId, clock.instant());
    }
}
