package dev.switchboard.events;

/**
 * Where the other packages report what happened: each event goes to the application's observers, if it has any
 * of that type ({@link CdiObservers}). A report never blocks and never throws.
 */
public interface Observers {

    /** Nobody observes anything (outside a container, in tests). */
    Observers NONE = new Observers() {
        @Override
        public boolean observes(Class<?> type) {
            return false;
        }

        @Override
        public void report(Object event) {
        }
    };

    /**
     * Whether the application observes events of this type: ask before building an event that costs something,
     * so that nobody pays for what nobody observes.
     */
    boolean observes(Class<?> type);

    /** Reports an event (one of this package's records); nothing happens when nobody observes its type. */
    void report(Object event);
}
