package io.groundstation.http;

import java.util.List;

/** A request the API refuses: the status to answer and every problem found, each a clear sentence. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<String> problems;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
