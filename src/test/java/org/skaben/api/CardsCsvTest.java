package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skaben.access.AccessBook.ImportLine;
import org.skaben.access.AccessCode;
import org.skaben.access.Person;

class CardsCsvTest {

    private static List<ImportLine> parse(String csv) {
        return CardsCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String csv) {
        return assertThrows(ApiException.class, () -> parse(csv)).getMessage();
    }

    @Test
    void linesWithOrWithoutHeaderBomAndCarriageReturns() {
        List<ImportLine> expected = List.of(new ImportLine("Алиса", "инженер", "123456"), new ImportLine("Борис", "", ""));
        assertEquals(expected, parse("Алиса;инженер;123456\nБорис;;\n"));
        assertEquals(expected, parse("\uFEFFname;description;code\r\nАлиса ; инженер ;123456\r\n\r\nБорис;;\r\n"));
        assertEquals(expected, parse("USER_NAME;user_description;access_code\nАлиса;инженер;123456\nБорис;;"));
    }

    @Test
    void quotedFieldsKeepSemicolonsQuotesAndSpaces() {
        assertEquals(List.of(new ImportLine(" A ", "say \"hi\"; bye", "1")), parse("\" A \";\"say \"\"hi\"\"; bye\";1"));
        assertEquals(List.of("a", "", "b"), CardsCsv.fields("a;;b"));
    }

    @Test
    void everyBadLineIsNamed() {
        assertEquals("line 2: expected 3 fields name;description;code, found 4; line 3: code must be 1-32 letters or "
                + "digits (or empty for a person without a card), not 'x-1'", refusal("A;;1\nB;;2;3\nC;;x-1\n"));
        assertEquals("line 2: 'A' has another description on line 1", refusal("A;one;1\nA;two;2\n"));
        assertEquals("line 1: text after a quoted field", refusal("\"A\"x;;1"));
        assertEquals("the CSV has no lines to import: expected name;description;code", refusal("\uFEFF\n \n"));
        String many = "bad\n".repeat(25);
        assertEquals(true, refusal(many).endsWith("line 20: expected 3 fields name;description;code, found 1; "
                + "and 5 more bad line(s)"));
    }

    @Test
    void theExportReadsBack() {
        List<Person> persons = List.of(new Person(1, "unknown", "player"), new Person(2, "Вера", "player", "врач; смена Б"),
                new Person(3, "Антон", "master", ""));
        List<AccessCode> codes = List.of(new AccessCode("222", 2, "card"), new AccessCode("111", 1, "card"));
        String csv = CardsCsv.format(persons, codes);
        // by name as Java compares them (Latin before Cyrillic)
        assertEquals("name;description;code\r\nunknown;;111\r\nАнтон;;\r\nВера;\"врач; смена Б\";222\r\n", csv);
        assertEquals(List.of(new ImportLine("unknown", "", "111"), new ImportLine("Антон", "", ""),
                new ImportLine("Вера", "врач; смена Б", "222")), parse(csv));
    }
}
