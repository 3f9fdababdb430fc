package org.skaben.api;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A game master's name as the journal shows it ({@code operator:<name>}): 1 to 40 letters (any script, Cyrillic
 * included), digits, spaces and {@code . _ -}, in Unicode NFC so that one name is always spelled alike.
 */
final class OperatorName {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} ._-]{1,40}");

    private OperatorName() {
    }

    /** The name, trimmed and normalised, or a 400 naming the rule. */
    static String check(String raw, String field) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (!NAME.matcher(name).matches()) {
            throw new ApiException(400, field + " must be 1-40 letters, digits, spaces, '.', '_' or '-'");
        }
        return name;
    }

    /** The journal's source for what the operator did. */
    static String source(String name) {
        return "operator:" + name;
    }
}
