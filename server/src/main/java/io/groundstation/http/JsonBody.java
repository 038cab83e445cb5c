package io.groundstation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;

/**
 * Reads a request body as JSON from its bytes, so invalid UTF-8 is refused as malformed instead of being
 * replaced and stored, and a body that is JSON {@code null} is refused like a missing one.
 */
final class JsonBody {

    private JsonBody() {
    }

    static <T> T read(Context ctx, ObjectMapper json, Class<T> type) throws IOException {
        T body = json.readValue(ctx.bodyAsBytes(), type);
        if (body == null) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }
}
