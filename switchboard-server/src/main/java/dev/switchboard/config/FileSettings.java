package dev.switchboard.config;

/**
 * What the {@code file} verb serves. Read once (see {@link Settings}).
 *
 * @param directory the directory it serves from, besides the WAR's {@code /public/}; empty: none
 * @param maxBytes the largest file it returns
 */
public record FileSettings(String directory, int maxBytes) {

    public static final Setting<String> FILES_DIRECTORY = Setting.text("switchboard.files.directory", "",
            "The directory the file verb serves from, besides the WAR's /public/; empty: none.");
    public static final Setting<Integer> FILES_MAX_BYTES = Setting.integer("switchboard.files.maxBytes", 262_144, 1, 16 << 20,
            "The largest file the file verb returns, in bytes.");

    static FileSettings read(Settings settings) {
        return new FileSettings(settings.get(FILES_DIRECTORY), settings.get(FILES_MAX_BYTES));
    }
}
