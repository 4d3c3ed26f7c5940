package dev.tollgate.gate;

import org.junit.jupiter.api.Test;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.File;
import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The fragment is valid against the Servlet 6.0 web-fragment schema (the copy Tomcat ships, resolved offline),
 * so strict containers and {@code xml-validation} setups accept the jar.
 */
class WebFragmentTest {

    private static final String SCHEMAS = "/jakarta/servlet/resources/";

    @Test
    void webFragmentIsSchemaValid() throws Exception {
        URL schemaUrl = getClass().getResource(SCHEMAS + "web-fragment_6_0.xsd");
        assertNotNull(schemaUrl, "Tomcat's schema copies are on the test classpath");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(offlineXmlNamespaceSchema(factory.getResourceResolver()));
        Schema schema = factory.newSchema(schemaUrl);
        schema.newValidator().validate(new StreamSource(new File("src/main/resources/META-INF/web-fragment.xml")));
    }

    /** jakartaee_10.xsd imports xml.xsd from w3.org; Tomcat ships a copy, so no network is needed. */
    private LSResourceResolver offlineXmlNamespaceSchema(LSResourceResolver fallback) throws Exception {
        DOMImplementationLS dom = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .getDOMImplementation();
        return (type, namespace, publicId, systemId, baseUri) -> {
            if (XMLConstants.XML_NS_URI.equals(namespace)) {
                LSInput local = dom.createLSInput();
                local.setSystemId(getClass().getResource(SCHEMAS + "xml.xsd").toExternalForm());
                return local;
            }
            return fallback == null ? null : fallback.resolveResource(type, namespace, publicId, systemId, baseUri);
        };
    }
}
