package dev.tollgate.payments.infrastructure;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

/** Keeps only the beans meant for the container Tollgate is running in. */
public class ContainerFlavourExtension implements Extension {

    private final ContainerFlavour flavour = ContainerFlavour.current();

    void vetoForeignBeans(@Observes @WithAnnotations({ServletContainerOnly.class, FullServerOnly.class})
                          ProcessAnnotatedType<?> type) {
        boolean servletOnly = type.getAnnotatedType().isAnnotationPresent(ServletContainerOnly.class);
        boolean fullOnly = type.getAnnotatedType().isAnnotationPresent(FullServerOnly.class);
        if ((servletOnly && flavour != ContainerFlavour.SERVLET_CONTAINER)
                || (fullOnly && flavour != ContainerFlavour.FULL_SERVER)) {
            type.veto();
        }
    }
}
