package org.skaben.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicParserTest {

    @Test
    void splitsTypeUidAndCommand() {
        assertEquals(new Topic("lock", "aabbccddeeff", "pong"), TopicParser.parse("ask/lock/aabbccddeeff/pong"));
    }

    @ParameterizedTest
    @CsvSource({"AABBCCDDEEFF", "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF"})
    void normalisesMacForms(String uid) {
        assertEquals("aabbccddeeff", TopicParser.parse("ask/lock/" + uid + "/sup").uid());
    }

    @Test
    void commandIsCaseInsensitive() {
        assertEquals("cup", TopicParser.parse("ask/LOCK/aabbccddeeff/CUP").command());
        assertEquals("lock", TopicParser.parse("ask/LOCK/aabbccddeeff/CUP").type());
    }

    @Test
    void anyWellFormedCommandPassesTheIngressChoiceDecidesWhichExist() {
        assertEquals("dance", TopicParser.parse("ask/lock/aabbccddeeff/dance").command());
    }

    @Test
    void broadcastAddress() {
        assertTrue(TopicParser.parse("ask/rgb/all/cup").isBroadcast());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ask/lock/aabbccddeeff|too few topic levels",
        "ask/lock|too few topic levels",
        "ask/lock/aabbccddeeff/x/pong|too many topic levels",
        "lock/aabbccddeeff/pong/x|topic must start with ask/",
        "ask/lock/aabbccddeef/pong|malformed uid",
        "ask/lock/aa:bb-cc:dd:ee:ff/pong|malformed uid",
        "ask/lock/zzbbccddeeff/pong|malformed uid",
        "ask/lo'ck/aabbccddeeff/pong|malformed device type",
        "ask/lock/aabbccddeeff/po ng|malformed command"})
    void refusesMalformedTopics(String topic, String reason) {
        PacketRefused refused = assertThrows(PacketRefused.class, () -> TopicParser.parse(topic));
        assertTrue(refused.reason().startsWith(reason), refused.reason());
    }
}
