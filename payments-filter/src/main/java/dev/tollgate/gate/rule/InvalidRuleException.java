package dev.tollgate.gate.rule;

/** A protection rule that cannot be read; the message names the rule and the legal forms. */
public final class InvalidRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidRuleException(String message) {
        super(message);
    }
}
