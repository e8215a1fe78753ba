package io.stampbox.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: Spawns processes of its own: child JVMs (the unit, crash children), kill -9, strace, system tools. Tagged {@code process}; the fast tier ({@code mvn -Pfast verify}) leaves it out, the full
 * suite runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
public @interface ProcessTest {}
