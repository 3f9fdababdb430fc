INSERT INTO alert_state (id, name, in_game, threshold, sort_order, counter_increase, counter_decrease, auto_change,
                         auto_level, auto_timeout)
VALUES (:#${body.id}, :#${body.name}, :#${body.inGame}, :#${body.threshold}, :#${body.order}, :#${body.counterIncrease},
        :#${body.counterDecrease}, :#${body.autoChange}, :#${body.autoLevel}, :#${body.autoTimeoutSeconds})
