package dev.tollgate.payments.domain.model;

/**
 * What a refund or a dispute does to its customer's access under the {@link AccessPolicy}, worked out by the policy
 * before an admin confirms, in one sentence for the console.
 *
 * @param change {@code ENDS}: access stops (now, or when a dispute is lost); {@code UNCHANGED}: access stays;
 *               {@code NONE_TO_LOSE}: the customer has no access now
 */
public record AccessEffect(Change change, String sentence) {

    public enum Change { ENDS, UNCHANGED, NONE_TO_LOSE }

    public boolean endsAccess() {
        return change == Change.ENDS;
    }
}
