package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Map;

/**
 * Disputes, as test card …0259 produces them: opened right after a successful charge ({@code needs_response},
 * reason {@code fraudulent}), then closed — lost when the merchant accepts it ({@code POST
 * /v1/disputes/{id}/close}) or as a test decides through the emulator's control surface. Call under the lock.
 */
public final class Disputes {
    private static final long EVIDENCE_WINDOW_SECONDS = 7L * 24 * 60 * 60;

    private final Store store;

    public Disputes(Store store) {
        this.store = store;
    }

    public JsonObject require(String id) {
        return store.find("dispute", id).orElseThrow(() -> ApiError.noSuch("dispute", id, null));
    }

    /** Opens a dispute over the whole charge; records {@code charge.dispute.created} and funds withdrawn. */
    public JsonObject open(JsonObject charge) {
        long now = store.now();
        JsonObject evidenceDetails = new JsonObject();
        evidenceDetails.addProperty("due_by", now + EVIDENCE_WINDOW_SECONDS);
        evidenceDetails.addProperty("has_evidence", false);
        evidenceDetails.addProperty("past_due", false);
        evidenceDetails.addProperty("submission_count", 0);

        JsonObject dispute = new JsonObject();
        dispute.addProperty("id", store.newId("dp"));
        dispute.addProperty("object", "dispute");
        dispute.addProperty("amount", Json.integer(charge, "amount"));
        dispute.add("balance_transactions", new JsonArray());
        dispute.addProperty("charge", Json.string(charge, "id"));
        dispute.addProperty("created", now);
        dispute.addProperty("currency", Json.string(charge, "currency"));
        dispute.add("evidence", new JsonObject());
        dispute.add("evidence_details", evidenceDetails);
        dispute.addProperty("is_charge_refundable", false);
        dispute.addProperty("livemode", false);
        dispute.add("metadata", new JsonObject());
        dispute.addProperty("payment_intent", Json.string(charge, "payment_intent"));
        dispute.addProperty("reason", "fraudulent");
        dispute.addProperty("status", "needs_response");
        store.insert(dispute);
        charge.addProperty("disputed", true);
        store.recordEvent("charge.dispute.created", dispute, null);
        store.recordEvent("charge.dispute.funds_withdrawn", dispute, null);
        return dispute;
    }

    /** Updates metadata; records {@code charge.dispute.updated} when something changed. */
    public JsonObject update(String id, Map<String, String> metadata) {
        JsonObject dispute = require(id);
        JsonObject before = dispute.deepCopy();
        Json.mergeMetadata(dispute, metadata);
        JsonObject previous = Changes.previousAttributes(before, dispute);
        if (previous != null) {
            store.recordEvent("charge.dispute.updated", dispute, previous);
        }
        return dispute;
    }

    /**
     * Ends the dispute as {@code won} or {@code lost}; records {@code charge.dispute.closed} (and funds reinstated
     * when won).
     */
    public JsonObject close(String id, String outcome) {
        if (!"won".equals(outcome) && !"lost".equals(outcome)) {
            throw ApiError.invalidParam("status", "Invalid status: must be one of won, lost");
        }
        JsonObject dispute = require(id);
        String status = Json.string(dispute, "status");
        if ("won".equals(status) || "lost".equals(status)) {
            throw ApiError.stateConflict("This dispute is already closed.");
        }
        JsonObject before = dispute.deepCopy();
        dispute.addProperty("status", outcome);
        dispute.getAsJsonObject("evidence_details").addProperty("past_due", false);
        store.recordEvent("charge.dispute.closed", dispute, Changes.previousAttributes(before, dispute));
        if ("won".equals(outcome)) {
            store.recordEvent("charge.dispute.funds_reinstated", dispute, null);
        }
        return dispute;
    }
}
