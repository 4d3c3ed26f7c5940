package dev.tollgate.gate.rule;

import dev.tollgate.gate.Entitlement;

/**
 * What a protected path asks of the user, written in rules as one of {@value #LEGAL_FORMS}.
 *
 * <p>Plans and features need the access window open ({@code access_until} in the future, computed by the
 * payments policy); credits do not, because a credit bought once stays spendable after a subscription ends.
 */
public sealed interface Requirement {

    /** The legal forms, for error messages and documentation. */
    String LEGAL_FORMS = "plan:<name>, feature:<key>, credits:<n>, authenticated, public";

    /** Whether the rule asks for a signed-in user at all. */
    boolean needsUser();

    /**
     * Whether {@code entitlement} meets this requirement at {@code nowMillis}. Only called when {@link #needsUser()};
     * the snapshot is never {@code null} (a user without a row has {@link Entitlement#none(String)}).
     */
    boolean isMetBy(Entitlement entitlement, long nowMillis);

    /** Credits each allowed request spends; 0 for requirements that only look. */
    default long creditsSpent() {
        return 0;
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
                return parseCredits(argument);
            default:
                return null;
        }
    }

    private static Requirement parseCredits(String argument) {
        try {
            long amount = Long.parseLong(argument);
            return amount > 0 ? new Credits(amount) : null;
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
     * {@code amount} credits per allowed request: the gate spends them in the database ({@code CreditSpends}), and
     * {@link #isMetBy} only says whether a snapshot's balance would cover them.
     */
    record Credits(long amount) implements Requirement {
        @Override public boolean needsUser() { return true; }
        @Override public long creditsSpent() { return amount; }

        @Override
        public boolean isMetBy(Entitlement entitlement, long nowMillis) {
            return entitlement.getCredits() >= amount;
        }

        @Override public String toString() { return "credits:" + amount; }
    }
}
