-- sdk-outbox schema version 2: the item's route (which registered sender, hence which professional's identity,
-- sends it) and when its last send call started (the reference of an exactly-once check).
ALTER TABLE outbox_item ADD COLUMN route VARCHAR(200);
ALTER TABLE outbox_item ADD COLUMN send_started_at BIGINT;
