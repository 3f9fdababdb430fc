UPDATE dead_letter SET replayed_at = :#${bean:serverClock.nowMillis} WHERE id = :#${variable.id}
