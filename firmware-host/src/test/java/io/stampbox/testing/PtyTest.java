package io.stampbox.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: Plays a serial scanner through a real pseudo-terminal made by socat. Tagged {@code pty}; the fast tier ({@code mvn -Pfast verify}) leaves it out, the full
 * suite runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("pty")
public @interface PtyTest {}
