package org.skaben.cluster;

/**
 * Tells the other server instances that this one changed what an in-memory view holds, so that they read it
 * again (issue 14: every instance sees the same game). The views call it after each write they make; a single
 * server has no one to tell ({@link #NONE}).
 *
 * <p>Called inside a transaction (one the data source's Spring transaction manager runs), the notice goes out
 * when that transaction commits, and not at all when it rolls back; called outside one, it goes out at once, so
 * it is called right after the write it announces.
 */
public interface ChangeNotices {

    /** The views, by name (also the names {@code cacheRefresh.changed(view)} takes). */
    String DEVICES = "devices";
    String TYPES = "types";
    String ACCESS = "access";
    String SIMPLE_CONFIGS = "simple-configs";
    String ALERT = "alert";

    /** One server: nobody to tell. */
    ChangeNotices NONE = (view, key) -> { };

    /**
     * The view changed: {@code key} names the one entry that did (a device's uid), or is null when the whole
     * view may have.
     */
    void changed(String view, String key);

    /** The whole view may have changed. */
    default void changed(String view) {
        changed(view, null);
    }
}
