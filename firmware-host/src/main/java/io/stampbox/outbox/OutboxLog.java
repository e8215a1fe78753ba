package io.stampbox.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox package's one logger. */
final class OutboxLog {

    static final Logger LOG = LoggerFactory.getLogger("io.stampbox.outbox");

    private OutboxLog() {}
}
