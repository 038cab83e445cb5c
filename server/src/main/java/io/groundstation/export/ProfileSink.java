package io.groundstation.export;

import java.util.List;

/** Port to the profile store profiles are pushed to (Pyroscope's push API). */
public interface ProfileSink {

    /** Pushes the series of one task in one request; never throws for what the receiver or the network does. */
    PushResult push(List<ProfileSeries> series);
}
