package dev.tollgate.payments.infrastructure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This bean stands in for a full server's service (JTA, container JPA) and exists only when Tollgate runs on a
 * plain servlet container with Weld, i.e. the {@code payments-tomcat.war} flavour.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServletContainerOnly {
}
