package io.groundstation.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log between plain text (logback.xml's pattern) and one JSON object per line. Done in code
 * because logging starts before the settings are read, and {@code log.format} may come from an argument or the
 * configuration file, which logback.xml cannot see.
 */
public final class LogFormat {

    public static final String TEXT = "text";
    public static final String JSON = "json";
    /** The pattern of logback.xml, restored when text is asked for again (several servers in one test JVM). */
    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";

    private LogFormat() {
    }

    public static void apply(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;  // another SLF4J binding (an embedding application's): its configuration rules
        }
        if (!(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")
                instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return;
        }
        Encoder<ILoggingEvent> encoder = JSON.equals(format) ? json() : text();
        encoder.setContext(context);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }

    /** Time, level, thread, logger, the formatted message, MDC and any exception; not the raw arguments. */
    private static Encoder<ILoggingEvent> json() {
        JsonEncoder json = new JsonEncoder();
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        return json;
    }

    private static Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern(TEXT_PATTERN);
        return text;
    }
}
