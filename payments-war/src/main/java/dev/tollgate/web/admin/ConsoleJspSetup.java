package dev.tollgate.web.admin;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.jsp.JspFactory;
import java.util.logging.Logger;

/** Teaches the JSP engine, before the first request, to read the console's view records ({@link RecordElResolver}). */
@WebListener
public class ConsoleJspSetup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ConsoleJspSetup.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        JspFactory jsp = JspFactory.getDefaultFactory();
        if (jsp == null) {
            LOG.severe("No JSP engine in this container: the admin console's pages cannot be shown");
            return;
        }
        jsp.getJspApplicationContext(event.getServletContext()).addELResolver(new RecordElResolver());
    }
}
