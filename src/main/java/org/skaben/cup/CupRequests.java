package org.skaben.cup;

import org.apache.camel.Header;
import org.skaben.Headers;

/**
 * Builds the {@link CupRequest} a route hands to direct:cup-push from the packet's headers (type, uid, source) and
 * the reason its route set in skabenCupReason. Parameters bound by annotation: the bean step then costs a
 * method call, where a method string with ${header...} arguments was parsed and evaluated on every packet.
 */
public class CupRequests {

    /** The server decided (hash drift, lag, registration, a refused SUP): none for a device under override. */
    public CupRequest automatic(@Header(Headers.TYPE) String type, @Header(Headers.UID) String uid,
                                @Header(Headers.CUP_REASON) String reason, @Header(Headers.SOURCE) String source) {
        return CupRequest.automatic(type, uid, reason, source);
    }

    /** The device itself asked (CUP): sent under override too. */
    public CupRequest manual(@Header(Headers.TYPE) String type, @Header(Headers.UID) String uid,
                             @Header(Headers.CUP_REASON) String reason, @Header(Headers.SOURCE) String source) {
        return CupRequest.manual(type, uid, reason, source);
    }
}
