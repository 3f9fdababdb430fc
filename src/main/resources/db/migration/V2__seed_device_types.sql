-- The standard game's device types (game.md section 3). Game masters change them through PUT /api/types/{type}.
INSERT INTO device_type (name, smart, active, default_config, sup_fields) VALUES
 ('lock', TRUE, TRUE,
  '{"acl":{},"blocked":false,"closed":true,"override":false,"sound":false,"timer":10}',
  '{"blocked":"boolean","closed":"boolean"}'),
 ('terminal', TRUE, TRUE,
  '{"blocked":false,"hacked":false,"override":false,"powered":false}',
  '{"blocked":"boolean","hacked":"boolean"}'),
 ('rgb', FALSE, TRUE, '{}', '{}'),
 ('scl', FALSE, TRUE, '{"borders":[334,667,1000],"level":0,"state":"white"}', '{}'),
 ('pwr', FALSE, TRUE, '{"powerstate":"OFF"}', '{}'),
 ('box', FALSE, TRUE, '{}', '{}');
