package io.stampbox.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: Starts mosquitto or uses the one on 127.0.0.1:1883. Tagged {@code broker}; the fast tier ({@code mvn -Pfast verify}) leaves it out, the full
 * suite runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("broker")
public @interface BrokerTest {}
