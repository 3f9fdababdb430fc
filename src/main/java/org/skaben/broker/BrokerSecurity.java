package org.skaben.broker;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker and what each may do. The server's own clients (the server user)
 * may do anything. Devices log in with the shared device credentials, with their own (a user
 * {@code <type>_<uid>} in the per-device credentials), or without any when anonymous access is on. With the
 * topic ACL on, a device may only publish and read its own topics ({@link DeviceAcl}), identified by its
 * per-device user name or else by its client id.
 */
public final class BrokerSecurity implements ActiveMQSecurityManager5 {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);
    private static final String SERVER = "server";
    private static final String DEVICE = "device";

    /** The settings: server and shared device credentials, per-device ones (user -> password), the switches. */
    public record Settings(String serverUser, String serverPassword, String deviceUser, String devicePassword,
                           Map<String, String> perDevice, boolean anonymous, boolean acl) {
    }

    private final Settings settings;

    public BrokerSecurity(Settings settings) {
        this.settings = settings;
    }

    /** Whether an answer depends on the connection, not only on the user (then nothing may be cached). */
    public boolean aclByClientId() {
        return settings.acl();
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String domain) {
        String role = role(user, password);
        if (role == null) {
            LOG.warn("MQTT login refused for user '{}' from {}", user, connection == null ? "?" : connection.getRemoteAddress());
            return null;
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user == null ? "anonymous" : user));
        subject.getPrincipals().add(new RolePrincipal(role));
        // an anonymous device (user null) has no credentials of its own; Map.of() would throw on a null key
        boolean ownCredentials = user != null && settings.perDevice().containsKey(user);
        subject.getPrincipals().add(new ConnectionPrincipal(connection, ownCredentials ? user : null));
        return subject;
    }

    private String role(String user, String password) {
        if (user == null || user.isEmpty()) {
            return settings.anonymous() ? DEVICE : null;
        }
        if (user.equals(settings.serverUser())) {
            return settings.serverPassword().equals(password) ? SERVER : null;
        }
        String own = settings.perDevice().get(user);
        if (own != null) {
            return own.equals(password) ? DEVICE : null;
        }
        if (!settings.deviceUser().isEmpty() && user.equals(settings.deviceUser())) {
            return settings.devicePassword().equals(password) ? DEVICE : null;
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        if (subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> r.getName().equals(SERVER))) {
            return true;
        }
        if (!settings.acl()) {
            return checkType != CheckType.MANAGE && checkType != CheckType.EDIT;
        }
        String[] device = subject.getPrincipals(ConnectionPrincipal.class).stream().findFirst()
                .map(c -> DeviceAcl.identity(c.identity())).orElse(null);
        boolean allowed = switch (checkType) {
            case SEND -> DeviceAcl.mayPublish(device, address);
            case CREATE_ADDRESS -> DeviceAcl.mayPublish(device, address) || DeviceAcl.maySubscribe(device, address);
            case CONSUME, CREATE_NON_DURABLE_QUEUE, DELETE_NON_DURABLE_QUEUE, CREATE_DURABLE_QUEUE,
                    DELETE_DURABLE_QUEUE -> DeviceAcl.maySubscribe(device, address);
            default -> false;
        };
        if (!allowed) {
            LOG.warn("MQTT {} on {} refused for {}", checkType, DeviceAcl.topic(address),
                    device == null ? "a client that is not <type>_<uid>" : device[0] + "_" + device[1]);
        }
        return allowed;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return role(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
    }

    /** The connection a device logged in on, so its client id can name it when its user name does not. */
    private record ConnectionPrincipal(RemotingConnection connection, String perDeviceUser) implements Principal {
        String identity() {
            return perDeviceUser != null ? perDeviceUser : connection == null ? null : connection.getClientID();
        }

        @Override
        public String getName() {
            return identity();
        }
    }
}
