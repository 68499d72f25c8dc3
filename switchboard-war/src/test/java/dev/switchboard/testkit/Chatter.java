package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Many clients saying things at once, and the check that every member heard one order. */
public final class Chatter {

    /** Both join the room, the first says {@code text}, and both receive it: the smallest chat there is. */
    public static void sayReachesBoth(TestClient alice, TestClient bob, String room, String text) {
        alice.ok("roomAdd", TestClient.params("room", room));
        bob.ok("roomAdd", TestClient.params("room", room));
        alice.ok("say", Json.createObjectBuilder().add("room", room).add("message", text).build());
        assertEquals(text, bob.awaitEvent("say").getString("message"));
        assertEquals(text, alice.awaitEvent("say").getString("message"));
    }

    /** Every member joins the room, then waits until every member's view lists them all (presence spans the nodes). */
    public static void joinEverywhere(String room, List<TestClient> members, java.time.Duration wait) {
        for (TestClient member : members) {
            member.ok("roomAdd", TestClient.params("room", room));
        }
        org.awaitility.Awaitility.await().atMost(wait)
                .until(() -> members.stream().allMatch(viewer -> memberIds(viewer, room).size() == members.size()));
    }

    /**
     * Each {@code join} and {@code leave} among these frames as {@code "join <connection id>"}, those inside a
     * {@code presenceDiff} too (a client that asked for presence diffs), in their order.
     */
    public static List<String> presence(List<jakarta.json.JsonObject> frames) {
        List<String> heard = new ArrayList<>();
        for (jakarta.json.JsonObject frame : frames) {
            String event = frame.getString("event", "");
            if ("presenceDiff".equals(event)) {
                heard.addAll(presence(frame.getJsonObject("data").getJsonArray("events").getValuesAs(jakarta.json.JsonObject.class)));
            } else if ("join".equals(event) || "leave".equals(event)) {
                heard.add(event + " " + frame.getJsonObject("data").getJsonObject("member").getString("id"));
            }
        }
        return heard;
    }

    /** The connection ids of the room's members, as the viewer's node sees them ({@code roomView}). */
    public static List<String> memberIds(TestClient viewer, String room) {
        return viewer.ok("roomView", TestClient.params("room", room)).getJsonArray("members")
                .getValuesAs(jakarta.json.JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    /** The messages of the {@code say} events a member has received and not yet taken, in order. */
    public static List<String> says(TestClient member) {
        return member.received().stream().filter(f -> "say".equals(f.getString("event", null)))
                .map(f -> f.getJsonObject("data").getString("message")).toList();
    }

    private Chatter() {
    }

    /**
     * Each publisher sends {@code perPublisher} says ({@code "<publisher>:<n>"}, no reply) to the room, all
     * publishers at once from their own threads.
     */
    public static void sayConcurrently(List<TestClient> publishers, String room, int perPublisher) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(publishers.size());
        CountDownLatch start = new CountDownLatch(1);
        for (int p = 0; p < publishers.size(); p++) {
            TestClient publisher = publishers.get(p);
            int index = p;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perPublisher; i++) {
                    publisher.send(Json.createObjectBuilder().add("type", "method").add("method", "say")
                            .add("params", Json.createObjectBuilder().add("room", room).add("message", index + ":" + i))
                            .build().toString());
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the publishers did not finish");
    }

    /** Asserts that every member received the same {@code count} distinct messages in the same order. */
    public static void assertOneOrder(List<TestClient> members, int count) {
        List<List<String>> sequences = new ArrayList<>();
        for (TestClient member : members) {
            List<String> sequence = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sequence.add(member.awaitEvent("say").getString("message"));
            }
            sequences.add(sequence);
        }
        for (List<String> sequence : sequences) {
            assertEquals(sequences.get(0), sequence);
        }
        assertEquals(count, new HashSet<>(sequences.get(0)).size());
    }
}
