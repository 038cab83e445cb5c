package io.groundstation.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The web console: static files from the jar's {@code /console} folder, served at {@code /console/}; a single
 * page that reads and writes through the JSON API under {@code /api}. Nothing is generated on the server.
 */
public final class Console {

    private static final String PATH = "/console";

    private Console() {
    }

    public static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = PATH;
            files.location = Location.CLASSPATH;
            // Revalidate on every load, so a console page never runs against an upgraded server's API.
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.router.mount(router -> router.get("/", ctx -> ctx.redirect(PATH + "/")));
    }
}
