UPDATE device_type SET smart = :#${body.smart}, active = :#${body.active}, default_config = :#${body.defaultConfigJson},
                       sup_fields = :#${body.supFieldsJson}
WHERE name = :#${body.name}
