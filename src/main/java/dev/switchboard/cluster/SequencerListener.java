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

/**
 * Puts room traffic in one order: every node sends a room's messages to the sequencer queue with the
 * room as {@code JMSXGroupID}, so the broker hands all of a room's messages to one consumer — one
 * node, one session — which publishes them to the topic one after another. Each topic subscriber
 * then sees the room in that order. If the node dies, the broker moves the group to another node and
 * redelivers what was not acknowledged; receivers drop the duplicates by envelope id.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsClusterBus.SEQUENCER),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "endpointPoolMaxSize", propertyValue = "1")
})
@JMSDestinationDefinition(name = JmsClusterBus.SEQUENCER, interfaceName = "jakarta.jms.Queue",
        destinationName = JmsClusterBus.SEQUENCER_NAME)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SequencerListener implements MessageListener {

    @Inject
    JmsClusterBus bus;

    @Override
    public void onMessage(Message message) {
        try {
            bus.sequence(message);
        } catch (JMSException e) {
            // thrown on: the broker redelivers it, here or on another node
            throw new IllegalStateException("could not forward a room message to the cluster topic", e);
        }
    }
}
