package dev.tollgate.gate;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one user may use, as the gate last read it from the {@code entitlement} row: a small immutable snapshot
 * kept in the HTTP session and exposed to pages as the request attribute {@value #REQUEST_ATTRIBUTE}.
 *
 * <p>In a JSP: {@code ${entitlement.plan}}, {@code ${entitlement.features}}, {@code ${entitlement.credits}},
 * {@code ${entitlement.accessUntil}}, {@code ${entitlement.active}}, {@code ${entitlement.has('courses')}}.
 *
 * <p>The serial form is written by hand (no field descriptors) so a replicated session carries roughly 100–150
 * bytes per user instead of the ~600 that default serialisation of the same fields takes. It starts with a format
 * number: a session written by another version of the gate is read if its format is known, and otherwise yields a
 * snapshot of no user, which the gate never trusts: it reads the row again from the database.
 */
public final class Entitlement implements Serializable {

    /** Name of the request attribute (and EL name) under which the filter exposes the current snapshot. */
    public static final String REQUEST_ATTRIBUTE = "entitlement";

    /** Version of a user who has no {@code entitlement} row at all. */
    public static final long NO_ROW = -1;

    private static final long serialVersionUID = 1L;
    /** Everything is written by writeObject; no field is described in the stream. */
    private static final ObjectStreamField[] serialPersistentFields = {};
    private static final long NO_ACCESS = Long.MIN_VALUE;
    /** The serial form this class writes; {@link #readObject} also reads form 1, which had no renewal moment. */
    private static final int SERIAL_FORM = 2;
    /** Form 1 began with the user id, never empty; later forms begin with an empty string, then their number. */
    private static final String NUMBERED_FORM = "";
    /** The user of a snapshot in an unknown form: no session's user, so the gate reloads from the database. */
    private static final String UNREADABLE = "";

    // The fields are not final only because readObject must assign them; nothing else ever does.
    private transient String userId;
    private transient String plans;
    private transient String features;
    private transient String status;
    private transient long credits;
    private transient long accessUntilMillis;
    private transient long renewsAtMillis;
    private transient long version;
    private transient String[] planList;
    private transient Set<String> featureSet;

    private Entitlement(String userId, String plans, String features, String status, long credits,
                        long accessUntilMillis, long renewsAtMillis, long version) {
        this.userId = userId;
        this.plans = plans == null ? "" : plans;
        this.features = features == null ? "" : features;
        this.status = status == null ? "none" : status;
        this.credits = credits;
        this.accessUntilMillis = accessUntilMillis;
        this.renewsAtMillis = renewsAtMillis;
        this.version = version;
        index();
    }

    /**
     * A snapshot of one stored row.
     *
     * @param plans       comma list: the user's plan first, then every plan it includes ({@code pro,basic})
     * @param features    comma list of feature keys
     * @param accessUntil end of access under the payments policy; {@code null} means no access
     */
    public static Entitlement of(String userId, String plans, String features, String status, long credits,
                                 Instant accessUntil, long version) {
        return of(userId, plans, features, status, credits, accessUntil, null, version);
    }

    /**
     * A snapshot of one stored row with its renewal moment.
     *
     * @param renewsAt when a subscription whose current period was taken back (full refund, lost dispute) renews;
     *                 {@code null} when there is none. Once it has passed, a refusal asks for a sync first.
     */
    public static Entitlement of(String userId, String plans, String features, String status, long credits,
                                 Instant accessUntil, Instant renewsAt, long version) {
        return new Entitlement(requireUser(userId), plans, features, status, credits, millis(accessUntil),
                millis(renewsAt), version);
    }

    /** The snapshot of a user without a row: no plan, no feature, no credits, {@link #NO_ROW}. */
    public static Entitlement none(String userId) {
        return new Entitlement(requireUser(userId), "", "", "none", 0, NO_ACCESS, NO_ACCESS, NO_ROW);
    }

    // Decision ---------------------------------------------------------------------------------------------------

    /** Whether the policy's access window is open at {@code nowMillis} (epoch milliseconds). */
    public boolean isActiveAt(long nowMillis) {
        return accessUntilMillis != NO_ACCESS && accessUntilMillis > nowMillis;
    }

    /** Whether a taken-back subscription has renewed by {@code nowMillis}, so Stripe may grant access again. */
    public boolean hasRenewedBy(long nowMillis) {
        return renewsAtMillis != NO_ACCESS && renewsAtMillis <= nowMillis;
    }

    /** Whether the user holds {@code plan}, directly or through an including plan. Ignores the access window. */
    public boolean hasPlan(String plan) {
        for (String held : planList) {
            if (held.equals(plan)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the user holds the feature {@code key}. Ignores the access window. */
    public boolean has(String key) {
        return featureSet.contains(key);
    }

    // Getters for pages ------------------------------------------------------------------------------------------

    public String getUserId() {
        return userId;
    }

    /** The user's plan (first of {@link #getPlans()}), or {@code null} without one. */
    public String getPlan() {
        return planList.length == 0 ? null : planList[0];
    }

    /** The plan and every plan it includes, plan first. */
    public List<String> getPlans() {
        return List.of(planList);
    }

    public Set<String> getFeatures() {
        return featureSet;
    }

    /** Subscription status as stored ({@code active}, {@code trialing}, {@code past_due}, {@code none}, …). */
    public String getStatus() {
        return status;
    }

    public long getCredits() {
        return credits;
    }

    /** End of access, or {@code null} when the user has none. */
    public Instant getAccessUntil() {
        return accessUntilMillis == NO_ACCESS ? null : Instant.ofEpochMilli(accessUntilMillis);
    }

    /** When a subscription whose current period was taken back renews, or {@code null}. */
    public Instant getRenewsAt() {
        return renewsAtMillis == NO_ACCESS ? null : Instant.ofEpochMilli(renewsAtMillis);
    }

    /** Whether the access window is open now; for pages ({@code ${entitlement.active}}). */
    public boolean isActive() {
        return isActiveAt(System.currentTimeMillis());
    }

    /** The row's version; {@link #NO_ROW} when the user has no row. */
    public long getVersion() {
        return version;
    }

    @Override
    public String toString() {
        return "Entitlement[user=" + userId + ", plans=" + plans + ", features=" + features + ", status=" + status
                + ", credits=" + credits + ", accessUntil=" + getAccessUntil() + ", renewsAt=" + getRenewsAt()
                + ", version=" + version + "]";
    }

    // Serial form ------------------------------------------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeUTF(NUMBERED_FORM);
        out.writeInt(SERIAL_FORM);
        out.writeUTF(userId);
        out.writeUTF(plans);
        out.writeUTF(features);
        out.writeUTF(status);
        out.writeLong(credits);
        out.writeLong(accessUntilMillis);
        out.writeLong(renewsAtMillis);
        out.writeLong(version);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        String first = in.readUTF();
        int form = first.equals(NUMBERED_FORM) ? in.readInt() : 1;
        if (form > SERIAL_FORM) {
            // Written by a newer gate: its layout is unknown here. The rest of the custom data is skipped by the
            // stream; a snapshot of no user is never trusted, so the row is read again.
            userId = UNREADABLE;
            plans = "";
            features = "";
            status = "none";
            accessUntilMillis = NO_ACCESS;
            renewsAtMillis = NO_ACCESS;
            version = NO_ROW;
            index();
            return;
        }
        userId = form == 1 ? first : in.readUTF();
        plans = in.readUTF();
        features = in.readUTF();
        status = in.readUTF();
        credits = in.readLong();
        accessUntilMillis = in.readLong();
        renewsAtMillis = form == 1 ? NO_ACCESS : in.readLong();
        version = in.readLong();
        if (userId.isEmpty() || form < 1) {
            throw new InvalidObjectException("entitlement snapshot without a user id or form " + form);
        }
        index();
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Splits the comma lists once, so the per-request checks neither split nor allocate. */
    private void index() {
        planList = split(plans);
        featureSet = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(split(features))));
    }

    private static String[] split(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toArray(String[]::new);
    }

    private static long millis(Instant moment) {
        return moment == null ? NO_ACCESS : moment.toEpochMilli();
    }

    private static String requireUser(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("an entitlement needs a user id");
        }
        return userId;
    }
}
