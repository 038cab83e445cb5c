package io.groundstation.profile;

/** What one upload stream delivered: messages stored, and messages refused with the reason. */
public record UploadResult(long accepted, long unknownTask, long noMetadata, long wrongProcess) {

    public long refused() {
        return unknownTask + noMetadata + wrongProcess;
    }
}
