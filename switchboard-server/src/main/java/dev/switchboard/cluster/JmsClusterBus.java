package dev.switchboard.cluster;

import dev.switchboard.config.ClusterSettings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Position;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster bus over JMS: one topic that every node receives, its own messages included, and one
 * queue where room traffic is put in order first. Each node consumes both with one {@link JmsReceiver}
 * each, on threads of the container's {@code ManagedThreadFactory}.
 *
 * <p>Why the queue: with several producers, a broker routes each message to each subscription on its
 * own, so two nodes' subscriptions can get two concurrent messages in different orders (seen with
 * Artemis in {@code ClusterIT}). Room traffic therefore goes to the sequencer queue grouped by room
 * ({@code JMSXGroupID}, one of {@link RoomSequences#GROUPS} groups that rooms hash into, so that the broker's
 * table of groups stays bounded); the broker gives a group to one node's sequencer consumer, which republishes
 * its messages to the topic one after another on its one session. Control traffic (presence,
 * heartbeats, direct messages) needs no order and goes straight to the topic.
 *
 * <p>Nothing accepted is lost when a sequencing node dies: the publishing node keeps each room message
 * until it comes back to it on the topic ({@link Unconfirmed}), and sends it to the queue again when it is overdue
 * and may be lost ({@link #resendOverdue}). Receivers drop a message they have seen by its envelope id, remembered per
 * publisher by sequence number ({@link SeenMessages}); a node that may have missed traffic — its subscription made
 * again, its round trip through the broker lost ({@link RoundTrip}) — says so to its histories ({@link ClusterBus#onGap}).
 *
 * <p>Messages are text messages ({@link JmsMessages}): the payload as body, the rest as properties.
 * The destinations are declared in {@code META-INF/web-fragment.xml} ({@code <jms-destination>}), not on a component, so
 * the WAR deploys on a server without JMS (Payara Micro); whether JMS works is found by trying it.
 */
@ApplicationScoped
@Typed(JmsClusterBus.class)
public class JmsClusterBus implements ClusterBus {

    private static final Logger LOG = System.getLogger(JmsClusterBus.class.getName());

    /** The topic, declared in META-INF/web-fragment.xml. */
    public static final String TOPIC = "java:app/jms/switchboard/cluster";
    /** Its name on the broker. */
    public static final String TOPIC_NAME = "switchboard.cluster";
    /** The queue that orders room traffic, declared in META-INF/web-fragment.xml. */
    public static final String SEQUENCER = "java:app/jms/switchboard/sequencer";
    public static final String SEQUENCER_NAME = "switchboard.sequencer";
    static final String FACTORY = "java:comp/DefaultJMSConnectionFactory";


    /**
     * How long a room message may take to come back before this node looks into it: whether its own sequencer consumer
     * went deaf, and whether the message should be sent again (see {@link #resendOverdue}).
     */
    static final long RESEND_AFTER_MILLIS = 5_000;
    /**
     * A room message that has waited this long is sent again even when nothing says it was lost: a loss no sign showed.
     * Far above {@link #RESEND_AFTER_MILLIS}: a message that is only late (a backlog) must not be sent again and again, each
     * copy adding to the backlog that holds it up.
     */
    static final long RESEND_UNEXPLAINED_AFTER_MILLIS = 60_000;
    /** Rooms whose positions the sequencer keeps; the one used longest ago starts a new epoch when it comes back. */
    static final int MAX_SEQUENCED_ROOMS = 100_000;
    /** At most this many room messages wait for their echo; beyond, the oldest are given up (and counted). */
    static final int MAX_UNCONFIRMED = 10_000;
    /**
     * After a sign of loss, a room message put on the bus before it goes again once it has waited this long — or three
     * times as long as this node's room messages take to come back lately, when that is longer (a backlog: a copy of a
     * message that is only queued adds to what holds it up), up to {@link #RESEND_AFTER_MILLIS}.
     */
    static final long RESEND_LOST_AFTER_MILLIS = 1_000;

    @Inject
    JMSContext jms;

    @Inject
    NodeIdentity node;

    @Inject
    Meters meters;

    @Inject
    ClusterSettings settings;

    /** Whether this node's own envelopes come back from the topic (its heartbeats at least); made at start. */
    private volatile RoundTrip roundTrip;
    /**
     * When this node last had a sign that room messages may have been lost on the way (epoch milliseconds): its link
     * broke or its subscription was made again, or a node that may have held some in its sequencer consumer died.
     */
    private final java.util.concurrent.atomic.AtomicLong lossAt = new java.util.concurrent.atomic.AtomicLong();
    /** A node went silent while this node was behind (0: none): it may only look silent; judged once this node caught up. */
    private volatile long lossSuspectedAt;
    private JmsReceiver onSequencer;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    /** How long a deployment waits for the broker to create the cluster destinations it already bound (see {@link #works}). */
    private static final long DESTINATIONS_WAIT_MILLIS = 60_000;

    private ConnectionFactory factory;
    private Topic topic;
    private Queue sequencer;
    private final List<JmsReceiver> receivers = new ArrayList<>();
    private final List<Thread> receiverThreads = new ArrayList<>();
    /** Ends the watcher ({@link #watch}). */
    private final CountDownLatch watcherStop = new CountDownLatch(1);
    /** Each room's position given by this node's sequencer consumer (its only user); made at start. */
    private RoomSequences sequences;

    /** The envelopes delivered here, to drop re-sent copies; used by the topic's receiver only. */
    private final SeenMessages seen = new SeenMessages();
    /** The sequence of this node's room messages (their ids), apart from its other envelopes. */
    private final java.util.concurrent.atomic.AtomicLong roomSequence = new java.util.concurrent.atomic.AtomicLong();
    /** When a send last found the link broken under it, so that a burst of such failures forgets the histories once. */
    private volatile long linkBrokeAt;
    /** This node saw its link break and has not told the other nodes yet. */
    private volatile boolean tellLinkBroke;
    /** When a gap was last reported for a straggler, so that a burst of them forgets the histories once. */
    private long stragglerGapAt;

    /** Which node ordered each room group last, to see a group move ({@link GroupOrderers}); the topic receiver's. */
    private final GroupOrderers orderers = new GroupOrderers();
    /** When a group's move was last logged, so that a burst of them (every group of a dead node) is logged once. */
    private long groupMovedLoggedAt;
    /** How long this node's room messages took to come back lately (a moving average, ms); the topic receiver's. */
    private long roomEchoMillis;

    /** What this node's sequencer consumer passed on last: its forwarder and the forward's number; heartbeats say it. */
    private volatile Forwarded forwarded;
    /** How many forwards this node's sequencer consumer passed on; the sequencer's thread only. */
    private long forwardNumber;
    /** The forwards the topic brought, to find one the broker lost ({@link Forwards}); the topic receiver's. */
    private Forwards forwards;
    /** When lost forwards were last reported, so that a burst of them forgets the histories once. */
    private long forwardsLostAt;
    /** This node's last forwards, for a node that missed some; the sequencer's thread keeps, the topic's reads. */
    private final KeptForwards kept = new KeptForwards(KEPT_FORWARDS);
    /** The forwards that came after one that was lost on the way, waiting for it; the topic receiver's. */
    private ForwardOrder<Message> order;
    /** What the forwards {@link #order} lets go are given to. */
    private final Consumer<Message> processing = this::process;
    /** {@link #forwarder()}, made once. */
    private volatile String forwarderName;
    /** Nodes found lost, whose forwards this node need not wait for any more: the cluster's thread adds, the topic's takes. */
    private final ConcurrentLinkedQueue<String> lostNodes = new ConcurrentLinkedQueue<>();
    /** Forwards this node missed, to ask their forwarder's node for; the topic receiver's. */
    private final List<Forwards.Missed> wanted = new ArrayList<>();
    /** Forwards another node missed and this node keeps, to send again to it; the topic receiver's. */
    private final List<Repair> repairs = new ArrayList<>();

    /** How many forwards may wait for one lost on the way ({@link ForwardOrder}) before the wait is given up. */
    static final int MAX_WAITING_FORWARDS = 100_000;
    /** How many characters of forwards may wait so ({@link ForwardOrder}): 32 Mi, 64 MiB of heap. */
    static final long MAX_WAITING_CHARS = 32L * 1024 * 1024;

    /** How many of its last forwards a node keeps for the others: a few seconds of a busy cluster's backlog. */
    static final int KEPT_FORWARDS = 16_384;

    /** Forwards to send again to the node that missed them. */
    private record Repair(String node, List<KeptForwards.Kept> forwards) {
    }

    /** A forwarder and how far it had counted. */
    record Forwarded(String forwarder, long number) {
    }

    /** This node's room messages not yet seen back on the topic. */
    private final Unconfirmed unconfirmed = new Unconfirmed(RESEND_AFTER_MILLIS, MAX_UNCONFIRMED);

    private volatile Consumer<Envelope> delivery = envelope -> {
    };
    private volatile Runnable gapListener = () -> {
    };

    @Override
    @ActivateRequestContext
    public void publish(Envelope envelope) {
        boolean ordered = JmsMessages.ordered(envelope);
        // room traffic counts in a sequence of its own, so that control traffic (heartbeats, presence, tell)
        // never pushes a stalled room message out of the receivers' window of duplicates
        String id = ordered ? node.nodeId() + ".rooms-" + Long.toString(roomSequence.incrementAndGet(), 36) : node.nextMessageId();
        if (ordered) {
            unconfirmed.sent(id, envelope, System.currentTimeMillis()); // before sending: the echo may come first
        }
        long start = System.nanoTime();
        try {
            JMSProducer producer = jms.createProducer();
            if (JmsMessages.repairable(envelope)) {
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            }
            TextMessage message = JmsMessages.of(jms, envelope, id);
            Forwarded sofar = forwarded;
            if (envelope.kind() == Envelope.Kind.HEARTBEAT && sofar != null) {
                // how far this node's sequencer consumer got: the others check they have it all (Forwards)
                message.setStringProperty(JmsMessages.FORWARDER, sofar.forwarder());
                message.setLongProperty(JmsMessages.FORWARD, sofar.number());
            }
            producer.send(ordered ? sequencer : topic, message);
            meters.published(System.nanoTime() - start);
        } catch (JMSException | JMSRuntimeException e) {
            if (ordered && JmsMessages.outcomeUnknown(e)) {
                // the link broke while the broker had the message (a primary broker dying, its backup taking over): it
                // may have been taken or not. Failing the caller would make it ask again with a new copy, one the room
                // may then hear twice once its key has left the history; so it stays in flight, a sign of loss is
                // noted, and it goes again (same id: a copy is dropped) when overdue. The caller waits for its echo.
                LOG.log(Level.INFO, "The broker link broke while it took room message {0} ({1}): it is sent again if it"
                        + " does not come back", id, e.getMessage());
                linkBroke();
                return;
            }
            unconfirmed.confirmed(id); // not sent: the caller hears of it
            throw new ClusterUnavailableException("the cluster bus cannot take messages: " + e.getMessage(), e);
        }
    }

    /**
     * What the sequencer consumer does: the message goes on to the topic, in the order it came. A room
     * message gets its position here, where its order is decided: this node's epoch (its id) and the
     * room's next offset in it. One consumer per node reads the sequencer, so offsets grow in order.
     */
    void sequence(JMSContext context, Message message) throws JMSException {
        JmsMessages.Copied copied = JmsMessages.Copied.of(message);
        TextMessage forward = copied.message(context);
        Position position = null;
        if (Envelope.Kind.ROOM.name().equals(copied.kind())) {
            position = sequences().next(copied.room());
            forward.setStringProperty(JmsMessages.EPOCH, position.epoch());
            forward.setLongProperty(JmsMessages.OFFSET, position.offset());
        }
        // one count for the node's life, across renewed contexts: a number that skips at a receiver is a forward lost (or
        // not yet come: a renewed context's first forwards may overtake the old one's last), and the receivers deliver
        // a node's forwards in this order (ForwardOrder)
        String forwarder = forwarder();
        long number = ++forwardNumber;
        forward.setStringProperty(JmsMessages.FORWARDER, forwarder);
        forward.setLongProperty(JmsMessages.FORWARD, number);
        // kept before the send: one that fails is lost too, and may be asked for
        kept.keep(new KeptForwards.Kept(forwarder, number, copied, position == null ? null : position.epoch(),
                position == null ? null : position.offset()));
        // not persistent, so not waited for: the topic's subscriptions are not durable (a broker that restarts has none of
        // them), so persistence bought nothing there but a round trip per message on the one thread that orders them all.
        // One session sends in order; what a crash loses on the way is sent again by its publisher (see resendOverdue)
        context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic, forward);
        forwarded = new Forwarded(forwarder, number);
    }

    /** The name this node's sequencer consumer numbers its forwards under: {@code <node id>.f}. */
    private String forwarder() {
        String name = forwarderName;
        if (name == null) {
            name = node.nodeId() + ".f";
            forwarderName = name;
        }
        return name;
    }

    private Forwards forwards() {
        if (forwards == null) {
            // two heartbeats: one that overtook the forwards before it (another connection) has long been passed by them
            forwards = new Forwards(2 * settings.heartbeat().toMillis());
        }
        return forwards;
    }

    /**
     * Forwards were lost on the way to this node: a gap, said once for a burst, and their forwarder's node is asked for
     * them, since this node's members never had them while every other node's may have.
     */
    private void forwardsLost(Forwards.Missed missed, String how, long now) {
        wanted.add(missed);
        lossAt.accumulateAndGet(now, Math::max);
        if (now - forwardsLostAt > settings.nodeTimeout().toMillis()) {
            forwardsLostAt = now;
            gap("forwards of " + missed.forwarder() + " were lost on the way (" + how + "): a broker that switched over, or a link"
                    + " that broke");
        }
    }

    private RoomSequences sequences() {
        if (sequences == null) {
            sequences = new RoomSequences(node.nodeId(), MAX_SEQUENCED_ROOMS);
        }
        return sequences;
    }


    /** Runs a close that might block on a thread of its own, never on a receiver's. */
    private void closeAside(Runnable close) {
        Thread thread = threads.newThread(close);
        thread.setName("switchboard-cluster-renew");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * What the topic consumer does between messages: notes a lost link (no own envelope back within
     * {@code switchboard.nodeTimeoutMillis}), sends overdue room messages again, and lets go the forwards that waited
     * too long for a lost one, or for one of a node that is lost ({@link ForwardOrder}).
     */
    void idle(JMSContext context) {
        long suspected = lossSuspectedAt;
        if (suspected != 0 && caughtUp(System.currentTimeMillis())) {
            lossAt.accumulateAndGet(suspected, Math::max); // caught up: what was sent before then and is still missing may be lost
            lossSuspectedAt = 0;
        }
        if (roundTrip != null && roundTrip.lostBy(System.currentTimeMillis())) { // null before start (unit tests)
            LOG.log(Level.WARNING, "No round trip through the broker for {0} ms: the node is not ready", settings.nodeTimeout().toMillis());
        }
        long now = System.currentTimeMillis();
        if (caughtUp(now)) { // behind on the topic, a claimed forward may only be late
            for (Forwards.Missed lost : forwards().unmet(now)) {
                forwardsLost(lost, "a heartbeat said it had been sent, and it did not come", now);
            }
        }
        if (order != null) {
            for (String lost = lostNodes.poll(); lost != null; lost = lostNodes.poll()) {
                order.lost(lost, processing);
            }
            if (order.holding()) {
                List<String> gaps = order.gaps();
                int waiting = order.waiting();
                order.due(now, processing);
                if (!order.holding()) {
                    LOG.log(Level.WARNING, "Forwards {0} did not come within {1} ms: the {2} that waited for them go on",
                            gaps, settings.nodeTimeout().toMillis(), waiting);
                }
            }
        }
        askAndRepair(context);
        tellLinkBroke(context);
        resendOverdue(context);
    }

    /**
     * A node that may have held room messages in its sequencer consumer died: the ones it had taken but not passed on
     * (a receive acknowledges) are lost unless their publishers send them again. Unless this node is behind on the topic,
     * when every other node looks silent to it: then the sign counts once it has caught up.
     */
    @Override
    public void nodeLost(String nodeId) {
        lostNodes.add(nodeId); // what this node still waits for from it will not come
        long now = System.currentTimeMillis();
        if (caughtUp(now)) {
            lossAt.accumulateAndGet(now, Math::max);
        } else {
            lossSuspectedAt = now; // behind, this node hears every other node late: the silence may be its own backlog
        }
    }

    /** Whether this node's own envelopes come back promptly: it is not behind on the topic. */
    private boolean caughtUp(long now) {
        return roundTrip == null || roundTrip.prompt(now);
    }

    /**
     * The room messages that have not come back in time: renews this node's sequencer consumer, in case it is the one
     * that stopped receiving (see {@link JmsReceiver#renew}), and sends again, with the same id, those sent before a sign
     * of loss ({@link #lossAt}) or long ago ({@link #RESEND_UNEXPLAINED_AFTER_MILLIS}). The others are only late — the
     * cluster is behind — and wait on: a copy of each would only add to what holds them up.
     */
    void resendOverdue(JMSContext context) {
        long givenUp = unconfirmed.takeGivenUp();
        if (givenUp > 0) {
            LOG.log(Level.WARNING, "Gave up waiting for {0} room messages to come back from the cluster", givenUp);
        }
        long now = System.currentTimeMillis();
        long loss = lossAt.get();
        // what a sign of loss may have lost goes once it has waited a little, not at its next due time (it may have been
        // found only late just before the sign); taken first, so that the overdue ones below do not count them twice
        // behind on the topic, this node's copies would only join the backlog that holds the originals up
        long lostAfter = !caughtUp(now) ? RESEND_AFTER_MILLIS
                : Math.min(RESEND_AFTER_MILLIS, Math.max(RESEND_LOST_AFTER_MILLIS, 3 * roomEchoMillis));
        // the node's signs, and each room group's own: the move of one group says nothing of the others' messages
        List<Unconfirmed.Waiting> again = new ArrayList<>(unconfirmed.lostBy(
                waiting -> Math.max(loss, orderers.movedAt(waiting.envelope().room())), now, lostAfter));
        List<Unconfirmed.Waiting> overdue = unconfirmed.overdue(now);
        // the oldest of this round that waited the whole limit, the swept ones included (as they were before the sweep
        // made them wait anew): a message that is only a little late says nothing of this node's own consumer
        long oldest = java.util.stream.Stream.concat(
                again.stream().filter(waiting -> now - waiting.lastSentAtMillis() >= RESEND_AFTER_MILLIS), overdue.stream())
                .mapToLong(Unconfirmed.Waiting::sentAtMillis).min().orElse(Long.MAX_VALUE);
        if (oldest != Long.MAX_VALUE && onSequencer != null
                && !onSequencer.receivedSince(System.nanoTime() - (now - oldest) * 1_000_000)) {
            // this node's sequencer consumer took nothing since the oldest overdue message was sent: it may be
            // deaf (see JmsReceiver#renew). One that receives is left alone — renewing it lets the broker move
            // its groups to another node, a new epoch and a chance of reordering for nothing
            onSequencer.renew(this::closeAside);
        }
        again.addAll(Unconfirmed.mayBeLost(overdue, loss, now, RESEND_UNEXPLAINED_AFTER_MILLIS));
        for (Unconfirmed.Waiting waiting : again) {
            try {
                context.createProducer().send(sequencer, JmsMessages.of(context, waiting.envelope(), waiting.id()));
                unconfirmed.resent(waiting.id(), now);
                LOG.log(Level.INFO, "Room message {0} had not come back after {1} ms; sent to the sequencer again",
                        waiting.id(), now - waiting.lastSentAtMillis());
            } catch (JMSException | JMSRuntimeException e) {
                LOG.log(Level.DEBUG, "Could not send room message {0} again yet: {1}", waiting.id(), e.toString());
                return; // it still waits; the next round tries again
            }
        }
    }

    @Override
    public void onGap(Runnable listener) {
        this.gapListener = Objects.requireNonNull(listener, "listener");
    }

    /** This node may have missed topic traffic: said once in the log, and to whoever listens (the histories). */
    /**
     * A send found the link broken under it (a primary broker dying, its backup taking over: the connection factory
     * follows it without a word otherwise). The topic subscription is not durable, so what the old broker held for this
     * node, or this node had fetched and not yet read, is gone: a gap, said once for the burst of failures it causes.
     */
    private void linkBroke() {
        if (brokenLink("the link to the broker broke during a send")) {
            tellLinkBroke = true; // the other nodes' subscriptions moved too, and they may have had no send under way to see it
        }
    }

    /** A gap and a sign of loss, said once for a burst of reports; whether it was said now. */
    private boolean brokenLink(String why) {
        long now = System.currentTimeMillis();
        lossAt.accumulateAndGet(now, Math::max);
        if (now - linkBrokeAt > settings.nodeTimeout().toMillis()) {
            linkBrokeAt = now;
            gap(why);
            return true;
        }
        return false;
    }

    /**
     * Asks for the forwards this node missed ({@link Envelope.Kind#FORWARDS_WANTED}), and sends again, to the node that
     * asked only, those another node missed and this node keeps; on the topic receiver, between messages.
     */
    void askAndRepair(JMSContext context) {
        try {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            while (!wanted.isEmpty()) {
                Forwards.Missed missed = wanted.get(0);
                producer.send(topic, JmsMessages.of(context,
                        Envelope.control(node.nodeId(), Envelope.Kind.FORWARDS_WANTED, missed.forwarder(),
                                missed.from() + "-" + missed.to()), node.nextMessageId()));
                wanted.remove(0);
            }
            while (!repairs.isEmpty()) {
                Repair repair = repairs.get(0);
                for (KeptForwards.Kept forward : repair.forwards()) {
                    TextMessage again = forward.message(context);
                    again.setStringProperty(JmsMessages.FOR, repair.node());
                    producer.send(topic, again);
                }
                repairs.remove(0);
                LOG.log(Level.INFO, "Sent {0} forwards again to node {1}, which missed them", repair.forwards().size(), repair.node());
            }
        } catch (JMSException | JMSRuntimeException e) {
            LOG.log(Level.DEBUG, "Could not ask for, or send again, missed forwards yet: {0}", e.toString());
        }
    }

    /** A node asks for forwards it missed: if they are this node's and still kept, they go again at the next turn. */
    private void forwardsWanted(Message message, String origin) throws JMSException {
        String forwarder = message.getStringProperty(JmsMessages.TARGET);
        String[] range = ((TextMessage) message).getText().split("-");
        if (forwarder == null || !forwarder.startsWith(node.nodeId() + ".") || range.length != 2) {
            return;
        }
        long from = Long.parseLong(range[0]);
        long to = Long.parseLong(range[1]);
        List<KeptForwards.Kept> found = kept.range(forwarder, from, to);
        if (found.size() < to - from + 1) {
            LOG.log(Level.WARNING, "Node {0} missed forwards {1}-{2} of {3}; {4} of them are still kept here", origin, from, to,
                    forwarder, found.size());
        }
        if (!found.isEmpty()) {
            repairs.add(new Repair(origin, found));
        }
    }

    /** Tells the other nodes that this node's link broke under a send ({@link Envelope.Kind#LINK_BROKE}); on the topic receiver. */
    private void tellLinkBroke(JMSContext context) {
        if (!tellLinkBroke) {
            return;
        }
        try {
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic,
                    JmsMessages.of(context, Envelope.control(node.nodeId(), Envelope.Kind.LINK_BROKE, "", ""), node.nextMessageId()));
            tellLinkBroke = false;
        } catch (JMSException | JMSRuntimeException e) {
            LOG.log(Level.DEBUG, "Could not tell the other nodes of the broken link yet: {0}", e.toString());
        }
    }

    private void gap(String why) {
        lossAt.accumulateAndGet(System.currentTimeMillis(), Math::max);
        LOG.log(Level.WARNING, "This node may have missed cluster traffic ({0}): recovery from earlier positions now says so", why);
        gapListener.run();
    }

    /**
     * A room group is ordered by another node now ({@link GroupOrderers}, which keeps when, per group): what the previous
     * node's consumer held of that group is lost, and its publishers' copies go as soon as they have waited a little
     * ({@link #resendOverdue}) rather than once the node timeout finds the node dead. Logged once for a burst.
     */
    private void groupMoved(String room, String orderer, long now) {
        if (now - groupMovedLoggedAt > settings.nodeTimeout().toMillis()) { // one report for the groups of one node
            groupMovedLoggedAt = now;
            LOG.log(Level.INFO, "Room group {0} is ordered by node {1} now: the room messages its previous node had taken are"
                    + " lost with it, and are sent again by their publishers", RoomSequences.groupOf(room), orderer);
        }
    }

    @Override
    public void deliverTo(Consumer<Envelope> delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * Up when both consumers are open and the node heard its own traffic back from the topic within
     * {@code switchboard.nodeTimeoutMillis} — every node publishes a heartbeat each
     * {@code switchboard.heartbeatMillis}, so this is a round trip through the broker, not only an open
     * socket (a connection factory that retries by itself may hold a consumer "open" on a dead broker).
     */
    @Override
    public Link link() {
        if (receivers.isEmpty()) {
            return new Link("jms", false, "not started");
        }
        List<String> down = receivers.stream().filter(receiver -> !receiver.connected()).map(JmsReceiver::name).toList();
        if (!down.isEmpty()) {
            return new Link("jms", false, "not connected to the broker: " + String.join(", ", down));
        }
        long silent = roundTrip.silence(System.currentTimeMillis());
        if (silent > settings.nodeTimeout().toMillis()) {
            return new Link("jms", false, "no round trip through the broker for " + silent + " ms");
        }
        return new Link("jms", true, "");
    }

    /**
     * Whether JMS works here: tried, not looked up (a server without a JMS provider may still resolve
     * the names and the beans, and fail at first use).
     */
    @ActivateRequestContext
    public boolean works() {
        try {
            InitialContext names = new InitialContext();
            factory = (ConnectionFactory) names.lookup(FACTORY);
            topic = (Topic) names.lookup(TOPIC);
            sequencer = (Queue) names.lookup(SEQUENCER);
            // WildFly binds an external broker's destination at once and gives it a value only when the broker has
            // created it: null meanwhile (seen with a broker pair, whose backup it also tries first). Bound means JMS
            // is here: wait for the destinations, or this node would decide to run alone for good
            long giveUpAt = System.nanoTime() + DESTINATIONS_WAIT_MILLIS * 1_000_000;
            if (topic == null || sequencer == null) {
                LOG.log(Level.INFO, "The cluster destinations are bound but not created on the broker yet; waiting up to {0} ms",
                        DESTINATIONS_WAIT_MILLIS);
            }
            while ((topic == null || sequencer == null) && System.nanoTime() < giveUpAt) {
                Thread.sleep(200);
                topic = (Topic) names.lookup(TOPIC);
                sequencer = (Queue) names.lookup(SEQUENCER);
            }
            if (topic == null || sequencer == null) {
                LOG.log(Level.WARNING, "The broker did not create the cluster destinations within {0} ms", DESTINATIONS_WAIT_MILLIS);
            }
            jms.createProducer();
            jms.createTextMessage("probe");
            return factory != null && topic != null && sequencer != null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "JMS does not work here: {0}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts this node's two consumers and waits until the topic's is subscribed. */
    public void start() {
        JmsReceiver onTopic = new JmsReceiver("topic", factory, topic, (context, message) -> received(message), this::idle);
        roundTrip = new RoundTrip(settings.nodeTimeout().toMillis(), settings.heartbeat().toMillis(), onTopic::quietAt,
                System.currentTimeMillis());
        onTopic.onResubscribed(() -> gap("the topic subscription was made again"));
        onSequencer = new JmsReceiver("sequencer", factory, sequencer, this::sequence, context -> {
        });
        for (JmsReceiver receiver : List.of(onTopic, onSequencer)) {
            Thread thread = threads.newThread(receiver);
            thread.setName("switchboard-cluster-" + receiver.name());
            thread.setDaemon(true);
            receivers.add(receiver);
            receiverThreads.add(thread);
            thread.start();
        }
        Thread watcher = threads.newThread(this::watch);
        watcher.setName("switchboard-cluster-watch");
        watcher.setDaemon(true);
        receiverThreads.add(watcher);
        watcher.start();
        try {
            if (!onTopic.awaitSubscribed(SUBSCRIBE_MILLIS)) {
                LOG.log(Level.WARNING, "The cluster topic was not subscribed within {0} ms; still trying", SUBSCRIBE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final long SUBSCRIBE_MILLIS = 10_000;

    /**
     * Watches the receivers from a thread of its own, every {@link JmsReceiver#POLL_MILLIS}: one that has been in one step
     * longer than {@code switchboard.nodeTimeoutMillis} is reported with its stack, and renewed when it hangs in a
     * {@code receive} ({@link JmsReceiver#watch}). The receivers' own checks run on their threads, so a receiver that
     * hangs could not tell: the node would only drop out of readiness, its heartbeats no longer coming back, without a
     * word of why.
     */
    private void watch() {
        long limit = settings.nodeTimeout().toNanos();
        try {
            while (!watcherStop.await(JmsReceiver.POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                for (JmsReceiver receiver : receivers) {
                    receiver.watch(limit, this::closeAside);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the consumers and waits for them to close, so that no connection is left in the pool at undeployment. */
    @PreDestroy
    void stop() {
        watcherStop.countDown();
        receivers.forEach(JmsReceiver::stop);
        try {
            for (Thread thread : receiverThreads) {
                thread.join(JmsReceiver.POLL_MILLIS * 4);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the topic consumer does with every message. */
    void received(Message message) throws JMSException {
        String sentFor = message.getStringProperty(JmsMessages.FOR);
        if (sentFor != null && !sentFor.equals(node.nodeId())) {
            return; // a forward sent again to the node that missed it: the others had it
        }
        String forwarder = message.getStringProperty(JmsMessages.FORWARDER);
        if (forwarder != null) { // before duplicates are dropped: a copy is a forward of its own
            long now = System.currentTimeMillis();
            long number = message.getLongProperty(JmsMessages.FORWARD);
            if (Envelope.Kind.HEARTBEAT.name().equals(message.getStringProperty(JmsMessages.KIND))) {
                forwards().claimed(forwarder, number, now);
            } else {
                Forwards.Missed missed = forwards().forwarded(forwarder, number, now);
                if (missed != null) {
                    forwardsLost(missed, "its numbers skip", now);
                }
                if (node.nodeId().equals(message.getStringProperty(JmsMessages.ORIGIN))) {
                    // first of all, also while it waits here, and for a copy: it came back, it is not to be sent again
                    unconfirmedCameBack(message.getStringProperty(JmsMessages.ID));
                }
                ForwardOrder<Message> ordered = order();
                boolean held = ordered.holding();
                ordered.offer(forwarder, number, sentFor != null, message, now, processing);
                if (!held && ordered.holding()) {
                    LOG.log(Level.INFO, "Forwards {0} did not come: the ones after them wait for them (at most {1} ms)",
                            ordered.gaps(), settings.nodeTimeout().toMillis());
                }
                return;
            }
        }
        deliver(message);
    }

    private ForwardOrder<Message> order() {
        if (order == null) {
            order = new ForwardOrder<>(settings.nodeTimeout().toMillis(), KEPT_FORWARDS, MAX_WAITING_FORWARDS,
                    MAX_WAITING_CHARS, JmsClusterBus::chars);
        }
        return order;
    }

    /** The characters of a message's text, for the bound of what may wait ({@link ForwardOrder}). */
    private static int chars(Message message) {
        try {
            String text = message instanceof TextMessage textMessage ? textMessage.getText() : null;
            return text == null ? 0 : text.length();
        } catch (JMSException e) {
            return 0;
        }
    }

    /** A forward's turn, in {@link ForwardOrder}'s order: a failure is this message's alone. */
    private void process(Message message) {
        try {
            deliver(message);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.ERROR, "Could not deliver a message of the cluster", e);
        }
    }

    /** A room message of this node's came back on the topic: it waits no longer to be sent again. */
    private void unconfirmedCameBack(String id) {
        long lastSentAt = id == null ? -1 : unconfirmed.confirmed(id);
        if (lastSentAt >= 0) {
            roomEchoMillis += (Math.max(0, System.currentTimeMillis() - lastSentAt) - roomEchoMillis) / 8;
        }
    }

    /** A message's delivery on this node, in the order the topic (and {@link ForwardOrder}) gave it. */
    private void deliver(Message message) throws JMSException {
        String id = message.getStringProperty(JmsMessages.ID);
        String origin = message.getStringProperty(JmsMessages.ORIGIN);
        String sentFor = message.getStringProperty(JmsMessages.FOR);
        if (Envelope.Kind.FORWARDS_WANTED.name().equals(message.getStringProperty(JmsMessages.KIND))) {
            forwardsWanted(message, origin);
            return;
        }
        if (id != null) {
            // a room message of this node's came back as a forward: received() ended its waiting, copies too
            boolean own = node.nodeId().equals(origin);
            SeenMessages.Verdict verdict = seen.see(id);
            if (verdict == SeenMessages.Verdict.STRAGGLER) {
                long now = System.currentTimeMillis();
                if (now - stragglerGapAt > settings.nodeTimeout().toMillis()) { // one report for a burst
                    stragglerGapAt = now;
                    gap("an envelope older than its publisher's window of " + SeenMessages.WINDOW
                            + " came: delivered once, but whether it is a late original or a copy cannot be known");
                }
            } else if (verdict != SeenMessages.Verdict.NEW) {
                return;
            }
            if (own && sentFor == null) { // a copy sent again carries its first send's time: no round trip of now
                long now = System.currentTimeMillis();
                if (roundTrip.echo(now, JmsMessages.sentAt(message, now))) {
                    LOG.log(Level.INFO, "The round trip through the broker works again; renewing the sequencer consumer");
                    onSequencer.renew(this::closeAside);
                    gap("no round trip through the broker for a while");
                }
            }
        }
        if (Envelope.Kind.LINK_BROKE.name().equals(message.getStringProperty(JmsMessages.KIND))) {
            if (!node.nodeId().equals(origin)) {
                brokenLink("node " + origin + "'s link to the broker broke during a send; this node's subscription moved too");
            }
            return;
        }
        if (sentFor == null) {
            meters.consumed(JmsMessages.sentAt(message, 0));
        }
        String epoch = message.getStringProperty(JmsMessages.EPOCH);
        String room = message.getStringProperty(JmsMessages.ROOM);
        long now = System.currentTimeMillis();
        if (epoch != null && room != null && orderers.moved(room, epoch, now)) {
            groupMoved(room, RoomSequences.nodeOf(epoch), now);
        }
        Envelope envelope = JmsMessages.envelope(message, origin);
        delivery.accept(envelope);
    }
}
