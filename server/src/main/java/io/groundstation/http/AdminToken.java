package io.groundstation.http;

import io.groundstation.log.ThrottledLog;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin token (admin.token): when set, changes and reads of sensitive data (captured network content) need
 * {@code Authorization: Bearer <token>}. Compared in constant time; refusals are logged without what was presented.
 */
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    /** Like refused agents: logged so operators see them, at most every 10 s. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 10_000);

    private final byte[] expected;

    /** {@code token} empty: no token is required. */
    public AdminToken(String token) {
        this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public boolean required() {
        return expected != null;
    }

    /** Throws a 401 unless the request carries the token (or none is required). */
    public void check(Context ctx) {
        if (expected == null) {
            return;
        }
        String presented = ctx.header("Authorization");
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            REFUSALS.warn("refused {} {} from {}: {} admin token", ctx.method(), ctx.path(), ctx.ip(),
                    presented == null ? "no" : "wrong");
            throw new ApiException(401, "this endpoint needs 'Authorization: Bearer <admin token>'");
        }
    }
}
