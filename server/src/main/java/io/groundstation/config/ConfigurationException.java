package io.groundstation.config;

/** A setting that cannot be used; the message names it and says what is expected. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
