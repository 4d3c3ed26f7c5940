package dev.tollgate.payments.domain.service;

import jakarta.ejb.ApplicationException;

/**
 * A concurrent request of the same user added the account first and committed (two first checkouts at once): its
 * row is the user's account. Only the account's own key raises this; any other failure is a real error.
 */
@ApplicationException(rollback = true)
public class AccountAlreadyAddedException extends RuntimeException {

    public AccountAlreadyAddedException(String userId) {
        super("the account of " + userId + " was added by a concurrent request", null, false, false);
    }
}
