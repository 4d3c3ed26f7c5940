package dev.tollgate.gate.rule;

import dev.tollgate.gate.Entitlement;
import java.util.regex.Pattern;

/**
 * What a protected path asks of the user, written in rules as one of {@value #LEGAL_FORMS}.
 *
 * <p>Plans and features need the access window open ({@code access_until} in the future, computed by the
 * payments policy); credits do not, because a credit bought once stays spendable after a subscription ends.
 */
public sealed interface Requirement {

    /** The legal forms, for error messages and documentation. */
    String LEGAL_FORMS = "plan:<name>, feature:<key>, credits:<n>, spend:<unit>:<n>, authenticated, public";

    /** Whether the rule asks for a signed-in user at all. */
    boolean needsUser();

    /**
     * Whether {@code entitlement} meets this requirement at {@code nowMillis}. Only called when {@link #needsUser()};
     * the snapshot is never {@code null} (a user without a row has {@link Entitlement#none(String)}).
     */
    boolean isMetBy(Entitlement entitlement, long nowMillis);

    /** Units each allowed request spends (of {@link #unitSpent()}); 0 for requirements that only look. */
    default long creditsSpent() {
        return 0;
    }

    /** What {@link #creditsSpent()} counts: {@code credits}, or the unit a plan's allowance gives. */
    default String unitSpent() {
        return Credits.CREDITS;
    }

    /** Parses one requirement; {@code null} when {@code text} is none of the legal forms. */
    static Requirement parse(String text) {
        String value = text.trim();
        if (value.equals("public")) {
            return Public.INSTANCE;
        }
        if (value.equals("authenticated")) {
            return Authenticated.INSTANCE;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = value.substring(0, colon).trim();
        String argument = value.substring(colon + 1).trim();
        if (argument.isEmpty() || argument.contains(",") || argument.contains("=") || argument.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        switch (kind) {
            case "plan":
                return new Plan(argument);
            case "feature":
                return new Feature(argument);
            case "credits":
                return parseCredits(Credits.CREDITS, argument);
            case "spend":
                int unitEnd = argument.indexOf(':');
                return unitEnd <= 0 || !Credits.isUnitName(argument.substring(0, unitEnd)) ? null
                        : parseCredits(argument.substring(0, unitEnd), argument.substring(unitEnd + 1));
            default:
                return null;
        }
    }

    private static Requirement parseCredits(String unit, String argument) {
        try {
            long amount = Long.parseLong(argument);
            return amount > 0 ? new Credits(unit, amount) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Anyone, signed in or not. */
    enum Public implements Requirement {
        INSTANCE;

        @Override public boolean needsUser() { return false; }
        @Override public boolean isMetBy(Entitlement entitlement, long nowMillis) { return true; }
        @Override public String toString() { return "public"; }
    }

    /** Any signed-in user, paying or not. */
    enum Authenticated implements Requirement {
        INSTANCE;

        @Override public boolean needsUser() { return true; }
        @Override public boolean isMetBy(Entitlement entitlement, long nowMillis) { return true; }
        @Override public String toString() { return "authenticated"; }
    }

    /** A plan, held directly or through a plan that includes it, while access lasts. */
    record Plan(String name) implements Requirement {
        @Override public boolean needsUser() { return true; }

        @Override
        public boolean isMetBy(Entitlement entitlement, long nowMillis) {
            return entitlement.isActiveAt(nowMillis) && entitlement.hasPlan(name);
        }

        @Override public String toString() { return "plan:" + name; }
    }

    /** A feature key, while access lasts. */
    record Feature(String key) implements Requirement {
        @Override public boolean needsUser() { return true; }

        @Override
        public boolean isMetBy(Entitlement entitlement, long nowMillis) {
            return entitlement.isActiveAt(nowMillis) && entitlement.has(key);
        }

        @Override public String toString() { return "feature:" + key; }
    }

    /**
     * {@code amount} units per allowed request ({@code credits:n}, or {@code spend:<unit>:n} for a unit a plan's
     * allowance gives, e.g. {@code spend:reports:1}): the gate spends them in the database ({@code CreditSpends}),
     * and {@link #isMetBy} only says whether a snapshot's credits would cover them (a snapshot holds no other unit).
     */
    record Credits(String unit, long amount) implements Requirement {

        /** The unit of credit packs, admin grants and {@code credits:n} rules. */
        public static final String CREDITS = "credits";

        /** Checked on every spend and balance the app asks for: compiled once. */
        private static final Pattern UNIT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

        /** Whether {@code name} can name a unit: lower-case letters, digits and {@code _}, a letter first, at most 40. */
        public static boolean isUnitName(String name) {
            return name != null && UNIT_NAME.matcher(name).matches();
        }

        public Credits(long amount) {
            this(CREDITS, amount);
        }

        @Override public boolean needsUser() { return true; }
        @Override public long creditsSpent() { return amount; }
        @Override public String unitSpent() { return unit; }

        @Override
        public boolean isMetBy(Entitlement entitlement, long nowMillis) {
            return CREDITS.equals(unit) && entitlement.getCredits() >= amount;
        }

        @Override public String toString() { return CREDITS.equals(unit) ? "credits:" + amount : "spend:" + unit + ":" + amount; }
    }
}
