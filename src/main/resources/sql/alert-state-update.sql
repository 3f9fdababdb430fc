UPDATE alert_state
SET name = :#${body.name}, in_game = :#${body.inGame}, threshold = :#${body.threshold}, sort_order = :#${body.order},
    counter_increase = :#${body.counterIncrease}, counter_decrease = :#${body.counterDecrease},
    auto_change = :#${body.autoChange}, auto_level = :#${body.autoLevel}, auto_timeout = :#${body.autoTimeoutSeconds}
WHERE id = :#${body.id}
