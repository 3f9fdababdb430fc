INSERT INTO event (occurred_at, kind, source, device_type, uid, topic, detail)
VALUES (:#${bean:serverClock.nowMillis}, :#${header.skabenKind}, :#${header.skabenSource}, :#${header.skabenType},
        :#${header.skabenUid}, :#${header.CamelMqttTopic}, :#${header.skabenDetail})
