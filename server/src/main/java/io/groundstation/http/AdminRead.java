package io.groundstation.http;

import io.javalin.security.RouteRole;

/**
 * The role of a read that needs the admin token as changes do, because it serves sensitive data (content agents
 * captured): {@link HttpApi} checks the token for it, and the API document says so.
 */
public enum AdminRead implements RouteRole {
    REQUIRED
}
