package org.skaben.scene;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.skaben.game.AlertMachine;
import org.skaben.game.AlertState;

/**
 * A scene: the whole game setup at one moment, as the JSON document that is stored, exported and imported.
 * Device configs and overrides, the alert states with the current one and the counter, persons, their cards,
 * the permissions (by card, lock and state names) and the simple types' configs per state. Not in it: the
 * device types, the journal, the counter's history, what devices reported. Persons, cards and permissions are
 * named by their keys (a person's name, a card's code), never by row ids, so a scene moves between servers.
 *
 * <p>Every field is a boxed value, so that a document missing one is refused by {@link #problems} naming it,
 * not read as false or 0.
 */
public record Scene(@JsonProperty("format_version") Integer formatVersion, String name,
                    @JsonProperty("saved_at") String savedAt, Alert alert, List<State> states, List<Device> devices,
                    List<Person> persons, List<Card> cards, List<Permission> permissions,
                    @JsonProperty("simple_configs") List<SimpleConfig> simpleConfigs) {

    /** The document format this server writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern UID = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern STATE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern PERSON_NAME = Pattern.compile("\\S.{0,99}");
    private static final Pattern SCENE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The current state (by name) and the counter. */
    public record Alert(String state, Integer counter) {
    }

    /** An alert state, as game.md section 1 and GET /api/alert/states describe it. */
    public record State(Integer id, String name, @JsonProperty("in_game") Boolean inGame, Integer threshold,
                        Integer order, @JsonProperty("counter_increase") Integer counterIncrease,
                        @JsonProperty("counter_decrease") Integer counterDecrease,
                        @JsonProperty("auto_change") String autoChange, @JsonProperty("auto_level") Integer autoLevel,
                        @JsonProperty("auto_timeout") Integer autoTimeout) {

        public static State of(AlertState s) {
            return new State(s.id(), s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(),
                    s.counterDecrease(), s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds());
        }

        public AlertState toAlertState() {
            return new AlertState(id, name, inGame, threshold, order, counterIncrease, counterDecrease, autoChange,
                    autoLevel, autoTimeout);
        }
    }

    /** A registered device: the config the server holds for it, and whether it is under manual override. */
    public record Device(String uid, String type, Map<String, Object> config, Boolean override) {
    }

    /** A person; {@code description} may be left out of a document (none). */
    public record Person(String name, String role, String description) {
        public Person(String name, String role) {
            this(name, role, "");
        }

        /** The description, empty when the document has none. */
        public String descriptionOrEmpty() {
            return description == null ? "" : description;
        }
    }

    /** A card or typed code (kind card or code) and its owner's name. */
    public record Card(String code, String kind, String person) {
    }

    /** A card opens a lock in these states (names). */
    public record Permission(String card, String lock, List<String> states) {
    }

    /** What a simple type is sent while a state (by name) is current. */
    public record SimpleConfig(String type, String state, Map<String, Object> config) {
    }

    /** The same setup under another name (an import under a name of its own). */
    public Scene named(String newName) {
        return new Scene(formatVersion, newName, savedAt, alert, states, devices, persons, cards, permissions,
                simpleConfigs);
    }

    /** Whether a name can be a scene's: it is a path segment of the API, so letters, digits, '.', '_', '-'. */
    public static boolean validName(String name) {
        return name != null && SCENE_NAME.matcher(name).matches();
    }

    /** How many of each the scene holds, as lists show it. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("states", size(states));
        counts.put("devices", size(devices));
        counts.put("persons", size(persons));
        counts.put("cards", size(cards));
        counts.put("permissions", size(permissions));
        counts.put("simple_configs", size(simpleConfigs));
        return counts;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** The id of a state named in the scene. */
    public Optional<Integer> stateId(String stateName) {
        return states.stream().filter(s -> s.name().equals(stateName)).map(State::id).findFirst();
    }

    /**
     * What is wrong with the document for this server, each naming the value by its JSON path
     * ({@code devices[2].type}); empty when it can be restored here. {@code smartByType} says whether a device
     * type of this server is smart (empty: no such type); {@code lockType} is the type permissions are for.
     */
    public List<String> problems(Function<String, Optional<Boolean>> smartByType, String lockType) {
        List<String> problems = new ArrayList<>();
        if (formatVersion == null || formatVersion != FORMAT_VERSION) {
            problems.add(field("format_version", "must be " + FORMAT_VERSION + " (this server's scene format)"));
        }
        if (name != null && !validName(name)) {
            problems.add(field("name", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (savedAt != null) {
            try {
                java.time.Instant.parse(savedAt);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(field("saved_at", "must be an ISO-8601 instant such as 2026-01-31T18:00:00Z"));
            }
        }
        for (String list : List.of("states", "devices", "persons", "cards", "permissions", "simple_configs")) {
            if (list(list) == null) {
                problems.add(field(list, "is required (an array, empty if there are none)"));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Set<String> stateNames = checkStates(problems);
        checkAlert(problems, stateNames);
        Map<String, String> deviceTypes = checkDevices(problems, smartByType);
        Set<String> personNames = checkPersons(problems);
        Set<String> codes = checkCards(problems, personNames);
        checkPermissions(problems, stateNames, codes, deviceTypes, lockType);
        checkSimpleConfigs(problems, stateNames, smartByType);
        return problems;
    }

    private List<?> list(String name) {
        return switch (name) {
            case "states" -> states;
            case "devices" -> devices;
            case "persons" -> persons;
            case "cards" -> cards;
            case "permissions" -> permissions;
            default -> simpleConfigs;
        };
    }

    private Set<String> checkStates(List<String> problems) {
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        boolean complete = true;
        for (int i = 0; i < states.size(); i++) {
            String at = "states[" + i + "]";
            State s = states.get(i);
            if (s == null) {
                problems.add(field(at, "must be an object"));
                complete = false;
                continue;
            }
            if (s.id() == null || s.id() < 1) {
                problems.add(field(at + ".id", "must be a positive integer"));
            } else if (!ids.add(s.id())) {
                problems.add(field(at + ".id", "repeats state id " + s.id()));
            }
            if (s.name() == null || !STATE_NAME.matcher(s.name()).matches()) {
                problems.add(field(at + ".name", "must be 1-32 lower-case letters, digits, _ or -, starting with a letter"));
            } else if (!names.add(s.name())) {
                problems.add(field(at + ".name", "repeats state '" + s.name() + "'"));
            }
            complete &= required(problems, at, "in_game", s.inGame()) & required(problems, at, "threshold", s.threshold())
                    & required(problems, at, "order", s.order())
                    & required(problems, at, "counter_increase", s.counterIncrease())
                    & required(problems, at, "counter_decrease", s.counterDecrease())
                    & required(problems, at, "auto_level", s.autoLevel())
                    & required(problems, at, "auto_timeout", s.autoTimeout());
            if (!List.of("none", "increase", "decrease").contains(String.valueOf(s.autoChange()))) {
                problems.add(field(at + ".auto_change", "must be none, increase or decrease"));
                complete = false;
            }
            if (s.autoLevel() != null && s.autoLevel() < 0 || s.autoTimeout() != null && s.autoTimeout() < 0) {
                problems.add(field(at, "auto_level and auto_timeout must not be negative"));
            }
        }
        if (states.isEmpty()) {
            problems.add(field("states", "must name at least one alert state"));
        } else if (complete && problems.isEmpty()) {
            try {
                new AlertMachine(states.stream().map(State::toAlertState).toList());
            } catch (IllegalArgumentException e) {
                problems.add(field("states", "do not make a valid scale: " + e.getMessage()));
            }
        }
        return names;
    }

    private void checkAlert(List<String> problems, Set<String> stateNames) {
        if (alert == null) {
            problems.add(field("alert", "is required: {\"state\": <a state's name>, \"counter\": <integer>}"));
            return;
        }
        if (alert.state() == null || !stateNames.contains(alert.state())) {
            problems.add(field("alert.state", "must name one of the scene's states"));
        }
        if (alert.counter() == null) {
            problems.add(field("alert.counter", "is required (an integer)"));
        }
    }

    /** uid -> type of the devices that are well formed. */
    private Map<String, String> checkDevices(List<String> problems, Function<String, Optional<Boolean>> smartByType) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            String at = "devices[" + i + "]";
            Device d = devices.get(i);
            if (d == null) {
                problems.add(field(at, "must be an object"));
                continue;
            }
            boolean good = true;
            if (d.uid() == null || !UID.matcher(d.uid()).matches()) {
                problems.add(field(at + ".uid", "must be 12 lower-case hex digits"));
                good = false;
            } else if (types.containsKey(d.uid())) {
                problems.add(field(at + ".uid", "repeats device " + d.uid()));
            }
            if (d.type() == null || smartByType.apply(d.type()).isEmpty()) {
                problems.add(field(at + ".type", "names no device type of this server: " + quoted(d.type())));
                good = false;
            }
            if (d.config() == null) {
                problems.add(field(at + ".config", "is required (an object)"));
            }
            if (d.override() == null) {
                problems.add(field(at + ".override", "is required (true or false)"));
            }
            if (good) {
                types.putIfAbsent(d.uid(), d.type());
            }
        }
        return types;
    }

    private Set<String> checkPersons(List<String> problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < persons.size(); i++) {
            String at = "persons[" + i + "]";
            Person p = persons.get(i);
            if (p == null) {
                problems.add(field(at, "must be an object"));
                continue;
            }
            if (p.name() == null || !PERSON_NAME.matcher(p.name()).matches()) {
                problems.add(field(at + ".name", "must be 1-100 characters"));
            } else if (!names.add(p.name())) {
                problems.add(field(at + ".name", "repeats person '" + p.name() + "'"));
            }
            if (!List.of("player", "master").contains(String.valueOf(p.role()))) {
                problems.add(field(at + ".role", "must be player or master"));
            }
        }
        return names;
    }

    private Set<String> checkCards(List<String> problems, Set<String> personNames) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < cards.size(); i++) {
            String at = "cards[" + i + "]";
            Card c = cards.get(i);
            if (c == null) {
                problems.add(field(at, "must be an object"));
                continue;
            }
            if (c.code() == null || !CODE.matcher(c.code()).matches()) {
                problems.add(field(at + ".code", "must be 1-32 letters or digits"));
            } else if (!codes.add(c.code())) {
                problems.add(field(at + ".code", "repeats code " + c.code()));
            }
            if (!List.of("card", "code").contains(String.valueOf(c.kind()))) {
                problems.add(field(at + ".kind", "must be card or code"));
            }
            if (c.person() == null || !personNames.contains(c.person())) {
                problems.add(field(at + ".person", "must name one of the scene's persons: " + quoted(c.person())));
            }
        }
        return codes;
    }

    private void checkPermissions(List<String> problems, Set<String> stateNames, Set<String> codes,
                                  Map<String, String> deviceTypes, String lockType) {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < permissions.size(); i++) {
            String at = "permissions[" + i + "]";
            Permission p = permissions.get(i);
            if (p == null) {
                problems.add(field(at, "must be an object"));
                continue;
            }
            if (p.card() == null || !codes.contains(p.card())) {
                problems.add(field(at + ".card", "must name one of the scene's cards: " + quoted(p.card())));
            }
            if (p.lock() == null || !lockType.equals(deviceTypes.get(p.lock()))) {
                problems.add(field(at + ".lock", "must name one of the scene's " + lockType + " devices: " + quoted(p.lock())));
            }
            if (!pairs.add(p.card() + " " + p.lock())) {
                problems.add(field(at, "repeats the permission of " + p.card() + " on " + p.lock()));
            }
            if (p.states() == null) {
                problems.add(field(at + ".states", "is required (an array of state names)"));
                continue;
            }
            for (int j = 0; j < p.states().size(); j++) {
                if (!stateNames.contains(p.states().get(j))) {
                    problems.add(field(at + ".states[" + j + "]", "must name one of the scene's states: "
                            + quoted(p.states().get(j))));
                }
            }
        }
    }

    private void checkSimpleConfigs(List<String> problems, Set<String> stateNames,
                                    Function<String, Optional<Boolean>> smartByType) {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < simpleConfigs.size(); i++) {
            String at = "simple_configs[" + i + "]";
            SimpleConfig c = simpleConfigs.get(i);
            if (c == null) {
                problems.add(field(at, "must be an object"));
                continue;
            }
            if (c.type() == null || !smartByType.apply(c.type()).map(smart -> !smart).orElse(false)) {
                problems.add(field(at + ".type", "names no simple device type of this server: " + quoted(c.type())));
            }
            if (c.state() == null || !stateNames.contains(c.state())) {
                problems.add(field(at + ".state", "must name one of the scene's states: " + quoted(c.state())));
            }
            if (c.config() == null) {
                problems.add(field(at + ".config", "is required (an object)"));
            }
            if (!pairs.add(c.type() + " " + c.state())) {
                problems.add(field(at, "repeats the config of " + c.type() + " in " + c.state()));
            }
        }
    }

    private static boolean required(List<String> problems, String at, String name, Object value) {
        if (value == null) {
            problems.add(field(at + "." + name, "is required"));
            return false;
        }
        return true;
    }

    private static String quoted(String value) {
        return value == null ? "none given" : "'" + value + "'";
    }

    /** The API's way of naming a bad value: {@code "devices[2].type" names no ...}. */
    private static String field(String path, String problem) {
        return "\"" + path + "\" " + problem;
    }
}
