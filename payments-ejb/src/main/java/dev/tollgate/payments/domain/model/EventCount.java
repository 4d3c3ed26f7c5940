package dev.tollgate.payments.domain.model;

/** How many events of one type the log holds with one status ({@link EventStatus#dbValue()}). */
public record EventCount(String type, String status, long count) {
}
