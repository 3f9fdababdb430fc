package org.skaben;

/**
 * The skaben* message headers: the one contract between the routes in routes/ and the beans they call. A route
 * file names them as strings (YAML cannot import), Java through these constants; {@code HeadersTest} fails when
 * either uses a skaben* name that is not defined here, or when one defined here is used nowhere. Where a route
 * needs several values together it takes a small typed body instead (a {@link org.skaben.cup.CupRequest} for
 * direct:cup-push).
 */
public final class Headers {

    // --- a device packet (set at ingress) ---
    /** The device type of the packet's topic, or of whatever an entry or a CUP is about. */
    public static final String TYPE = "skabenType";
    /** The device's uid (12 hex digits), or {@code all} for a type's broadcast address. */
    public static final String UID = "skabenUid";
    /** The command at the end of a device packet's topic ({@code pong}, {@code sup}, ...). */
    public static final String COMMAND = "skabenCommand";
    /** The task_id of a device packet, or of the CUP being sent. */
    public static final String TASK_ID = "skabenTaskId";
    /** How the packet's device was admitted: {@code known}, {@code registered} or {@code broadcast}. */
    public static final String ADMISSION = "skabenAdmission";
    /** Whether an ACK/NACK answered a CUP the server sent (its delivery record was found). */
    public static final String DELIVERED = "skabenDelivered";

    // --- the journal (direct:journal) ---
    /** Who did it: {@code device}, {@code operator}, {@code server}, a rule's name, ... */
    public static final String SOURCE = "skabenSource";
    /** The kind of journal entry: {@code sup}, {@code cup}, {@code refused}, {@code error}, ... */
    public static final String KIND = "skabenKind";
    /** The journal entry's text. */
    public static final String DETAIL = "skabenDetail";
    /** A dead letter's payload, as the device sent it. */
    public static final String PAYLOAD = "skabenPayload";

    // --- CUPs ---
    /** Why a CUP is sent (the end of its journal entry); also what sync-type and sync-all pass on. */
    public static final String CUP_REASON = "skabenCupReason";

    // --- the alert (direct:alert-changed and the rules on its events) ---
    /** The current alert state's name. */
    public static final String ALERT_STATE = "skabenAlertState";
    /** The alert state's name before the change. */
    public static final String ALERT_PREVIOUS = "skabenAlertPrevious";
    /** The alert counter after the change. */
    public static final String ALERT_COUNTER = "skabenAlertCounter";
    /** True when every device is to get its config (a state change), false for a counter move within a state. */
    public static final String ALERT_BROADCAST = "skabenAlertBroadcast";
    /** A rule's reason for what it does to the game, as the journal shows it. */
    public static final String REASON = "skabenReason";

    // --- the egress queue ---
    /** When a queued packet is no longer worth publishing (a PING still queued when the next one is due). */
    public static final String NOT_AFTER = "skabenNotAfter";

    // --- several instances (an exchange property, not a header: never sent anywhere) ---
    /** The task key this exchange claimed in the database and has not yet marked applied (cluster only). */
    public static final String CLAIMED_TASK = "skabenClaimedTask";

    private Headers() {
    }
}
