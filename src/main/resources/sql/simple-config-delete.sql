DELETE FROM simple_config WHERE device_type = :#${body.type} AND state_id = :#${body.stateId}
