package dev.tollgate.demo;

import java.util.List;
import org.apache.catalina.startup.Tomcat;

/**
 * The people who can sign in to the demo. They live in the engine's realm, so the sample app and
 * {@code /payments} know the same users, and Tomcat's single sign-on carries one login across both.
 */
final class DemoUsers {

    /** Every signed-in user of the sample app. */
    static final String USER_ROLE = "user";
    /** The role the payments WAR's admin pages ask for. */
    static final String ADMIN_ROLE = "payments-admin";

    /** A demo account; the password is the user name, which is fine for a demo and nothing else. */
    record DemoUser(String name, List<String> roles) {
        String password() {
            return name;
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", List.of(USER_ROLE)),
            new DemoUser("bob", List.of(USER_ROLE)),
            new DemoUser("admin", List.of(USER_ROLE, ADMIN_ROLE)));

    private DemoUsers() {
    }

    /** Adds every demo user to the embedded Tomcat's default realm (the engine's, shared by all contexts). */
    static void registerWith(Tomcat tomcat) {
        for (DemoUser user : ALL) {
            tomcat.addUser(user.name(), user.password());
            user.roles().forEach(role -> tomcat.addRole(user.name(), role));
        }
    }
}
