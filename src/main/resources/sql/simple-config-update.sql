UPDATE simple_config SET config = :#${body.configJson} WHERE device_type = :#${body.type} AND state_id = :#${body.stateId}
