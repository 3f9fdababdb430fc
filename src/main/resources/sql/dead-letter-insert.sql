INSERT INTO dead_letter (occurred_at, topic, payload, error)
VALUES (:#${bean:serverClock.nowMillis}, :#${header.CamelMqttTopic}, :#${header.skabenPayload}, :#${header.skabenDetail})
