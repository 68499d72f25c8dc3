package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.junit.jupiter.api.Test;

class JmsMessagesTest {

    /** How the resource adapter hands Artemis' failure to the caller: a runtime exception, a JMS one, the core one linked. */
    private static JMSRuntimeException failure(String coreMessage) {
        JMSException jms = new JMSException(coreMessage);
        jms.setLinkedException(new IllegalStateException(coreMessage));
        return new JMSRuntimeException(jms.getMessage(), null, jms);
    }

    @Test
    void aSendUnblockedByABrokenLinkMayHaveReachedTheBroker() {
        assertTrue(JmsMessages.outcomeUnknown(
                failure("AMQ219016: Connection failure detected. Unblocking a blocking call that will never get a response")));
        assertTrue(JmsMessages.outcomeUnknown(failure("AMQ219014: Timed out after waiting 30000 ms for response")));
    }

    @Test
    void aSendThatFoundNoBrokerWasNotSent() {
        assertFalse(JmsMessages.outcomeUnknown(failure("AMQ219007: Cannot connect to server(s). Tried with all available servers.")));
        assertFalse(JmsMessages.outcomeUnknown(new JMSRuntimeException("the connection is closed")));
    }
}
