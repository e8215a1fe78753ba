package io.stampbox.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: Takes more than about two seconds on its own, on a quiet machine. Tagged {@code slow}; the fast tier ({@code mvn -Pfast verify}) leaves it out, the full
 * suite runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {}
