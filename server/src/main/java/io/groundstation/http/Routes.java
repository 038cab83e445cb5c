package io.groundstation.http;

import io.javalin.Javalin;

/** One capability's HTTP endpoints. */
public interface Routes {
    void register(Javalin app);
}
