package dev.tollgate.payments.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores every {@link Instant} as {@code TIMESTAMP WITH TIME ZONE} in UTC. JPA 3.1 maps {@code OffsetDateTime}
 * on every provider, but not {@code Instant}: EclipseLink (Payara) would serialise it into the column as bytes.
 * {@code java.sql.Timestamp} is no good either: H2 hands this column type back as {@code OffsetDateTime}.
 */
@Converter(autoApply = true)
public class InstantAsTimestamp implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return toColumn(instant);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime stored) {
        return fromColumn(stored);
    }

    /** The column value of an instant; also what the plain statements bind ({@link TollgateJdbi}). */
    static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant fromColumn(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
