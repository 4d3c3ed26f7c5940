<%-- Stands for the payments WAR on this node: commits a change of the user's entitlement row (version + 1) through
     the webapp's own DataSource, then, after the commit, announces the new version on this JVM's gate board.
     plan=pro grants pro for 30 days; anything else revokes. Answers the new version and how many nanoseconds ago
     the commit had returned, so a test can place the commit on its own clock. Only in this test webapp. --%>
<%@ page contentType="text/plain; charset=UTF-8"
         import="java.sql.Connection, java.sql.PreparedStatement, java.sql.ResultSet, java.sql.Timestamp,
                 java.time.Duration, java.time.Instant, javax.naming.InitialContext, javax.sql.DataSource" %><%
    String user = request.getParameter("user");
    boolean grant = "pro".equals(request.getParameter("plan"));
    DataSource database = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/tollgate");
    long version;
    try (Connection connection = database.getConnection()) {
        connection.setAutoCommit(false);
        try (PreparedStatement update = connection.prepareStatement("update entitlement set plan = ?, plans = ?,"
                + " status = ?, access_until = ?, version = version + 1, updated_at = current_timestamp where user_id = ?")) {
            update.setString(1, grant ? "pro" : null);
            update.setString(2, grant ? "pro,basic" : "");
            update.setString(3, grant ? "active" : "canceled");
            update.setTimestamp(4, grant ? Timestamp.from(Instant.now().plus(Duration.ofDays(30))) : null);
            update.setString(5, user);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no entitlement row for " + user);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select version from entitlement where user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                version = row.getLong(1);
            }
        }
        connection.commit();
    }
    long committedAt = System.nanoTime();
    dev.tollgate.gate.EntitlementBoard.publish(user, version);
%>version=<%= version %> since_commit_ns=<%= System.nanoTime() - committedAt %>
