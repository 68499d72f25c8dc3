package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The idempotency keys of the room messages this node delivered, kept in a memory-mapped file so that they outlive
 * the process — a {@code kill -9} included: what is stored in a shared mapping is the operating system's, not the
 * JVM's. After a restart the room histories are empty, but a client that sends again, with its key, a message whose
 * reply it never got is answered with the original, not published twice.
 *
 * <p>A ring of fixed slots ({@value #SLOT} bytes): the record of a key goes into the next slot before the message goes
 * out to anyone (under the room's history lock: a store into memory, never a system call), and the oldest is
 * overwritten when the ring comes round. A slot is its JSON record, its length, a CRC of both, and last its
 * sequence number: a slot written halfway when the process died does not check, and is skipped — its message never
 * went out. A record that does not fit a slot (a key and room name of some 900 bytes together) is not kept. A clean
 * stop removes the file ({@link #discard()}): it speaks only for a run that ended in a crash.
 */
final class KeyJournal implements AutoCloseable {

    /** A key that the journal holds: where its message stands. */
    record Kept(String room, String key, String messageId, Position position, long sentAt, long sequence) {
    }

    static final int SLOT = 1024;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int HEADER = 8 + 4 + 4; // sequence, CRC, length
    private static final Logger LOG = System.getLogger(KeyJournal.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final int slots;
    private long sequence;
    /** What the file held when it was opened, by room and key. */
    private final Map<String, Map<String, Kept>> restored;

    private KeyJournal(Path file, FileChannel channel, MappedByteBuffer map, int slots, long sequence,
            Map<String, Map<String, Kept>> restored) {
        this.file = file;
        this.channel = channel;
        this.map = map;
        this.slots = slots;
        this.sequence = sequence;
        this.restored = restored;
    }

    /** Opens (or makes) the journal of this many slots; what it holds is read now. */
    static KeyJournal open(Path file, int slots) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = (long) slots * SLOT;
            if (channel.size() != size) {
                channel.truncate(0); // a journal of another size: started over
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            List<Kept> kept = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++) {
                Kept read = read(map, slot);
                if (read != null) {
                    kept.add(read);
                }
            }
            kept.sort(Comparator.comparingLong(Kept::sequence));
            Map<String, Map<String, Kept>> restored = new HashMap<>();
            for (Kept one : kept) {
                restored.computeIfAbsent(one.room(), room -> new LinkedHashMap<>()).put(one.key(), one);
            }
            long last = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).sequence();
            if (!kept.isEmpty()) {
                LOG.log(Level.INFO, "Read {0} idempotency keys of {1} rooms from {2}", kept.size(), restored.size(), file);
            }
            return new KeyJournal(file, channel, map, slots, last, restored);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the key journal " + file, e);
        }
    }

    /** The record of a key the file held when the node started, if any. */
    Kept restored(String room, String key) {
        Map<String, Kept> keys = restored.get(room);
        return keys == null ? null : keys.get(key);
    }

    /** Keeps a key's record; call before its message goes out, holding the room's history lock. */
    synchronized void keep(String room, String key, String messageId, Position position, long sentAt) {
        byte[] record = JSON.createObjectBuilder().add("room", room).add("key", key).add("id", messageId == null ? "" : messageId)
                .add("epoch", position.epoch()).add("offset", position.offset()).add("sentAt", sentAt).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        if (record.length > SLOT - HEADER) {
            return;
        }
        long next = sequence + 1;
        int at = (int) (next % slots) * SLOT;
        ByteBuffer slot = map.duplicate();
        slot.position(at);
        slot.putLong(0); // not a record until the sequence is written last
        slot.putInt(crc(record, next));
        slot.putInt(record.length);
        slot.put(record);
        map.putLong(at, next);
        sequence = next;
    }

    private static Kept read(MappedByteBuffer map, int slot) {
        int at = slot * SLOT;
        long sequence = map.getLong(at);
        int crc = map.getInt(at + 8);
        int length = map.getInt(at + 12);
        if (sequence <= 0 || length <= 0 || length > SLOT - HEADER) {
            return null;
        }
        byte[] record = new byte[length];
        map.get(at + HEADER, record);
        if (crc(record, sequence) != crc) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(new String(record, StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            if (json.get("room") instanceof JsonString room && json.get("key") instanceof JsonString key
                    && json.get("epoch") instanceof JsonString epoch && json.get("offset") instanceof JsonNumber offset) {
                String id = json.getString("id", "");
                return new Kept(room.getString(), key.getString(), id.isEmpty() ? null : id,
                        new Position(epoch.getString(), offset.longValue()), json.getJsonNumber("sentAt").longValue(), sequence);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Skipped an unreadable slot {0} of the key journal: {1}", slot, e.toString());
        }
        return null;
    }

    private static int crc(byte[] record, long sequence) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
        crc.update(record);
        return (int) crc.getValue();
    }

    /**
     * A clean stop: the replies of the calls in flight went out before it (the connections were drained), so nothing
     * the file holds will be asked again — and an application started again (a redeployment) begins with no keys, as its
     * histories do. The file is removed; only a crash leaves one behind.
     */
    void discard() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the key journal {0}: {1}", file, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            map.force();
            channel.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Closing the key journal: {0}", e.toString());
        }
    }
}
