package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Temporary: proves the managed server, its environment and its default data source before the real WAR exists. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerPlumbingIT {

    private static final String PAGE = """
            <%@ page import="javax.naming.*,javax.sql.*,java.sql.*" contentType="text/plain" %><%
              DataSource ds = (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
              try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table if not exists plumbing (id int)");
                s.execute("insert into plumbing values (1)");
                ResultSet rs = s.executeQuery("select count(*) from plumbing"); rs.next();
                out.print("secret=" + (System.getenv("STRIPE_WEBHOOK_SECRET") != null) + " rows>0=" + (rs.getInt(1) > 0)
                   + " db=" + c.getMetaData().getDatabaseProductName());
              }
            %>""";

    @Deployment(testable = false)
    static WebArchive plumbing() {
        return ShrinkWrap.create(WebArchive.class, "plumbing.war").add(new StringAsset(PAGE), "index.jsp");
    }

    @Test
    void serverSeesConfigurationAndDefaultDataSource(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "index.jsp")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("plumbing: " + response.body().trim());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(true, response.body().contains("secret=true rows>0=true"), response.body());
    }
}
