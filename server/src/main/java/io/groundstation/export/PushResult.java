package io.groundstation.export;

/** What the receiver made of a push: taken, refused for good, or failed in a way a later try may not. */
public record PushResult(Status status, String detail) {

    public enum Status { ACCEPTED, REFUSED, RETRY }

    public static PushResult accepted() {
        return new PushResult(Status.ACCEPTED, "");
    }

    public static PushResult refused(String detail) {
        return new PushResult(Status.REFUSED, detail);
    }

    public static PushResult retry(String detail) {
        return new PushResult(Status.RETRY, detail);
    }
}
