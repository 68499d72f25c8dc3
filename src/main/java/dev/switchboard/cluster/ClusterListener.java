package dev.switchboard.cluster;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Receives the cluster topic on this node and hands each message to the bus: one call, nothing else.
 *
 * <p>Exactly one consumer per node ({@code maxSession} for WildFly's Artemis adapter,
 * {@code endpointPoolMaxSize} for Payara's OpenMQ adapter): several would each take a share of the
 * messages in parallel and a room's order would be lost, and on a non-durable topic subscription
 * several sessions would each receive every message.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsClusterBus.TOPIC),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "endpointPoolMaxSize", propertyValue = "1")
})
@JMSDestinationDefinition(name = JmsClusterBus.TOPIC, interfaceName = "jakarta.jms.Topic",
        destinationName = JmsClusterBus.TOPIC_NAME)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterListener implements MessageListener {

    private static final Logger LOG = System.getLogger(ClusterListener.class.getName());

    @Inject
    JmsClusterBus bus;

    @Override
    public void onMessage(Message message) {
        try {
            bus.received(message);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.ERROR, "Could not handle a cluster message; it is dropped", e);
        }
    }
}
