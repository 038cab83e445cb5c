package io.groundstation.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The operator's admin token as a request presents it: {@code Authorization: Bearer <token>}, or HTTP Basic with
 * the token as password (any user name), which is all some UIs can send. No token set: every request is admitted.
 */
public final class AdminToken {

    private final byte[] token;

    public AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isSet() {
        return token.length > 0;
    }

    public boolean admits(String authorization) {
        if (!isSet()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        byte[] presented;
        if (authorization.startsWith("Bearer ")) {
            presented = authorization.substring(7).getBytes(StandardCharsets.UTF_8);
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                presented = (colon < 0 ? "" : credentials.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            return false;
        }
        return MessageDigest.isEqual(token, presented);
    }
}
