package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Temporary probe of a reported trouble spot: Flyway's classpath scan for migrations that sit in a jar under
 * WEB-INF/lib (as payments-ejb's do), on the server's default data source.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FlywayOnServerProbeIT {

    private static final String PAGE = """
            <%@ page import="javax.naming.*,javax.sql.*,org.flywaydb.core.*,org.flywaydb.core.api.output.*" contentType="text/plain" %><%
              DataSource ds = (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
              Flyway flyway = Flyway.configure(Thread.currentThread().getContextClassLoader()).dataSource(ds)
                  .locations("classpath:db/probe").table("probe_schema_history").load();
              MigrateResult result = flyway.migrate();
              out.print("found=" + flyway.info().all().length + " applied=" + result.migrationsExecuted
                  + " current=" + flyway.info().current().getVersion());
            %>""";

    @Deployment(testable = false)
    static WebArchive probe() {
        JavaArchive migrations = ShrinkWrap.create(JavaArchive.class, "probe-migrations.jar")
                .add(new StringAsset("create table probe_one (id int primary key);"), "db/probe/V1__one.sql")
                .add(new StringAsset("create table probe_two (id int primary key);"), "db/probe/V2__two.sql");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "flyway-probe.war")
                .add(new StringAsset(PAGE), "index.jsp")
                .addAsLibrary(migrations);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.startsWith("flyway-core") || name.startsWith("jackson-")) {
                war.addAsLibrary(new File(entry));
            }
        }
        return war;
    }

    @Test
    void flywayFindsMigrationsInsideALibraryJar(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "index.jsp")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("flyway probe: " + response.body().trim());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("found=2 applied=2 current=2", response.body().trim());
    }
}
