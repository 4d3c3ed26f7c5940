package dev.tollgate.payments.infrastructure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** This bean uses a full Jakarta EE server's services (container JPA) and is vetoed on a plain servlet container. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FullServerOnly {
}
