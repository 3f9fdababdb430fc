package org.skaben.handler;

import java.util.Map;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.SupValidator;
import org.skaben.protocol.Packet;

/** SUP: validate the changed fields and merge them into the device's reported state and config. */
public class SupHandler {

    private final DeviceRegistry registry;

    public SupHandler(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** Applies the SUP and returns the accepted fields, for the journal and the rules. */
    public Map<String, Object> apply(Packet sup) {
        Map<String, Object> accepted = SupValidator.validate(registry.requireType(sup.type()), sup.datahold());
        registry.applyReported(sup.uid(), accepted);
        return accepted;
    }
}
