package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.Drift;
import java.util.List;

/** Differences the drift scan found, and their fixes; joins the caller's transaction. */
public interface DriftRepository {

    /** Stores a difference (healed or not) and answers it with its id. */
    Drift add(Drift drift);

    /** Marks a stored difference healed ({@link Drift#healed}). */
    void update(Drift healed);

    /** Differences not healed yet, newest first. */
    List<Drift> open(int limit);

    /** How many differences are not healed. */
    long countOpen();

    /** The differences found for one user, newest first, at most {@code limit}. */
    List<Drift> ofUser(String userId, int limit);

    /** The differences one run found, in the order found. */
    List<Drift> ofRun(long runId);
}
