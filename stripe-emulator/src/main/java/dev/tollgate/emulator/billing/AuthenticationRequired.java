package dev.tollgate.emulator.billing;

/** The card asks for a 3-D Secure confirmation before it pays; the hosted page shows that step. */
public final class AuthenticationRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationRequired() {
        super("This payment requires authentication.", null, false, false);
    }
}
