package io.groundstation.testing.harness;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the annotated class once per {@link TestDatabase}. The class takes the database as a field
 * {@code @Parameter TestDatabase database;} and starts its servers with {@code TestServer.start(dir, database)}, or
 * has a {@link PerTestServer} start one for each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
public @interface OnEveryDatabase {
}
