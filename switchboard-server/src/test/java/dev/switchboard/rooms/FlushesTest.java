package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The flush of a fan-out: each writing thread gets one task with the flushes of all its members, and a member with
 * no writing thread, or the only one of its thread, is flushed at once; a thread that refuses the task (going away)
 * does not lose its members' flushes.
 */
class FlushesTest {

    /** Where each flush ran: the member's id, and "task N" of the writer that ran it, or "here". */
    private final List<String> flushed = new CopyOnWriteArrayList<>();

    @Test
    void eachWriterGetsOneTaskForAllItsMembers() {
        Writer a = new Writer("a");
        Writer b = new Writer("b");
        List<Member> members = List.of(member("1", a), member("2", b), member("3", a), member("4", null), member("5", b),
                member("6", a));

        Flushes.flush(members);

        assertEquals(List.of("4 here"), flushed, "only the member without a writer was flushed at once");
        assertEquals(1, a.tasks.size());
        assertEquals(1, b.tasks.size());
        a.runAll();
        b.runAll();
        assertEquals(List.of("4 here", "1 a", "3 a", "6 a", "2 b", "5 b"), flushed);
    }

    @Test
    void theOnlyMemberOfAWriterIsFlushedAtOnceAndTheContainerHandsItOver() {
        Writer a = new Writer("a");
        Flushes.flush(List.of(member("1", a)));
        assertEquals(List.of("1 here"), flushed);
        assertEquals(0, a.tasks.size());
    }

    @Test
    void aWriterThatRefusesLeavesTheFlushesToTheCaller() {
        Writer gone = new Writer("gone");
        gone.refuses = true;
        Flushes.flush(List.of(member("1", gone), member("2", gone)));
        assertEquals(List.of("1 here", "2 here"), flushed);
    }

    @Test
    void aMemberWhoseFlushFailsDoesNotHoldUpTheOthersOfItsWriter() {
        Writer a = new Writer("a");
        Member failing = new Flushed("1", a) {
            @Override
            public void flush() {
                throw new IllegalStateException("a bug in one member");
            }
        };
        Flushes.flush(List.of(failing, member("2", a)));
        a.runAll();
        assertEquals(List.of("2 a"), flushed);
    }

    private Member member(String id, Writer writer) {
        return new Flushed(id, writer);
    }

    /** A writing thread that keeps its tasks until the test runs them, noting whose they are. */
    private final class Writer implements Executor {
        private final String name;
        private final List<Runnable> tasks = new ArrayList<>();
        private boolean refuses;
        private String running;

        Writer(String name) {
            this.name = name;
        }

        @Override
        public void execute(Runnable task) {
            if (refuses) {
                throw new RejectedExecutionException(name + " is going away");
            }
            tasks.add(task);
        }

        void runAll() {
            running = name;
            tasks.forEach(Runnable::run);
            running = null;
        }
    }

    private class Flushed implements Member {
        private final String id;
        private final Writer writer;

        Flushed(String id, Writer writer) {
            this.id = id;
            this.writer = writer;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String user() {
            return null;
        }

        @Override
        public Set<String> rooms() {
            return Set.of();
        }

        @Override
        public void offer(String frame) {
        }

        @Override
        public void flush() {
            flushed.add(id + " " + (writer != null && writer.running != null ? writer.running : "here"));
        }

        @Override
        public void closeAfterQueued(int closeCode, String reason) {
        }

        @Override
        public Executor writer() {
            return writer;
        }
    }
}
