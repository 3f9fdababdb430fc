package org.skaben.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.skaben.access.AccessBook.ImportLine;
import org.skaben.access.AccessCode;
import org.skaben.access.Person;

/**
 * Persons and cards as {@code name;description;code} lines, the original SKABEN's import: UTF-8 with or without
 * a byte order mark, a header line optional ({@code name;description;code} or the original's
 * {@code user_name;user_description;access_code}), blank lines skipped, a field in double quotes where it holds a
 * {@code ;} or a quote (doubled). An empty code is a person without a card. Every bad line is reported by its
 * number, and a file with one is refused whole.
 */
public final class CardsCsv {

    static final String HEADER = "name;description;code";
    private static final List<List<String>> HEADERS = List.of(List.of("name", "description", "code"),
            List.of("user_name", "user_description", "access_code"));
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 400;
    private static final int MAX_ERRORS = 20;

    private CardsCsv() {
    }

    /** The lines to import; a 400 naming every bad line by its number (the first 20) otherwise. */
    static List<ImportLine> parse(byte[] csv) {
        if (csv == null || csv.length == 0) {
            throw new ApiException(400, "the body must be CSV lines " + HEADER);
        }
        int start = csv.length >= 3 && (csv[0] & 0xff) == 0xEF && (csv[1] & 0xff) == 0xBB && (csv[2] & 0xff) == 0xBF
                ? 3 : 0;
        List<String> errors = new ArrayList<>();
        List<ImportLine> lines = new ArrayList<>();
        Map<String, Integer> codeLines = new HashMap<>();
        Map<String, Integer> descriptionLines = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        boolean first = true;
        int number = 0;
        for (int from = start; from < csv.length; ) {
            int end = from;
            while (end < csv.length && csv[end] != '\n') {
                end++;
            }
            number++;
            String text;
            try {
                text = utf8(csv, from, end);
            } catch (CharacterCodingException e) {
                errors.add("line " + number + ": not UTF-8 text");
                continue;
            } finally {
                from = end + 1;
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isBlank()) {
                continue;
            }
            List<String> fields;
            try {
                fields = fields(text);
            } catch (IllegalArgumentException e) {
                errors.add("line " + number + ": " + e.getMessage());
                continue;
            }
            if (first) {
                first = false;
                if (HEADERS.contains(fields.stream().map(f -> f.toLowerCase(java.util.Locale.ROOT)).toList())) {
                    continue;
                }
            }
            String problem = problem(fields);
            if (problem == null) {
                String name = fields.get(0);
                String description = fields.get(1);
                String code = fields.get(2);
                Integer codeLine = code.isEmpty() ? null : codeLines.putIfAbsent(code, number);
                if (codeLine != null) {
                    problem = "code " + code + " is on line " + codeLine + " too";
                } else if (!description.isEmpty()) {
                    String other = descriptions.putIfAbsent(name, description);
                    if (other != null && !other.equals(description)) {
                        problem = "'" + name + "' has another description on line " + descriptionLines.get(name);
                    }
                    descriptionLines.putIfAbsent(name, number);
                }
                if (problem == null) {
                    lines.add(new ImportLine(name, description, code));
                }
            }
            if (problem != null) {
                errors.add("line " + number + ": " + problem);
            }
        }
        if (!errors.isEmpty()) {
            String shown = String.join("; ", errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
            throw new ApiException(400, errors.size() > MAX_ERRORS
                    ? shown + "; and " + (errors.size() - MAX_ERRORS) + " more bad line(s)" : shown);
        }
        if (lines.isEmpty()) {
            throw new ApiException(400, "the CSV has no lines to import: expected " + HEADER);
        }
        return lines;
    }

    /** What is wrong with a line's fields, or null. */
    private static String problem(List<String> fields) {
        if (fields.size() != 3) {
            return "expected 3 fields " + HEADER + ", found " + fields.size();
        }
        String name = fields.get(0);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return "name must be 1-" + MAX_NAME + " characters";
        }
        if (fields.get(1).length() > MAX_DESCRIPTION) {
            return "description must be at most " + MAX_DESCRIPTION + " characters";
        }
        String code = fields.get(2);
        if (!code.isEmpty() && !CODE.matcher(code).matches()) {
            return "code must be 1-32 letters or digits (or empty for a person without a card), not '" + code + "'";
        }
        return null;
    }

    private static String utf8(byte[] csv, int from, int to) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(csv, from, Math.max(0, to - from))).toString();
    }

    /** A line's fields, each trimmed unless quoted. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        field.append(c);
                    }
                }
                fields.add(field.toString());
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ';') {
                    throw new IllegalArgumentException("text after a quoted field");
                }
            } else {
                int end = line.indexOf(';', i);
                fields.add(line.substring(i, end < 0 ? line.length() : end).strip());
                i = end < 0 ? line.length() : end;
            }
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    /**
     * Every card as a line (its owner's name and description), then every person without a card (an empty
     * code), under the header; by name, then code.
     */
    public static String format(List<Person> persons, List<AccessCode> codes) {
        Map<Long, Person> byId = persons.stream().collect(Collectors.toMap(Person::id, p -> p));
        List<List<String>> rows = new ArrayList<>();
        for (AccessCode c : codes) {
            Person p = byId.get(c.personId());
            rows.add(List.of(p.name(), p.description(), c.code()));
        }
        persons.stream().filter(p -> codes.stream().noneMatch(c -> c.personId() == p.id()))
                .forEach(p -> rows.add(List.of(p.name(), p.description(), "")));
        rows.sort(Comparator.<List<String>, String>comparing(r -> r.get(0)).thenComparing(r -> r.get(2)));
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (List<String> row : rows) {
            csv.append(row.stream().map(CardsCsv::quoted).collect(Collectors.joining(";"))).append("\r\n");
        }
        return csv.toString();
    }

    private static String quoted(String field) {
        boolean plain = field.indexOf(';') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0 && field.strip().equals(field);
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
