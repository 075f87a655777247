-- sdk-outbox schema version 1 (PostgreSQL). Times are epoch milliseconds (UTC).
CREATE TABLE outbox_item (
  id VARCHAR(36) PRIMARY KEY,
  kind VARCHAR(100) NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT DEFAULT 0 NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  claimed_by VARCHAR(200),
  lease_until BIGINT,
  claim_seq BIGINT DEFAULT 0 NOT NULL,
  error_type VARCHAR(200),
  error_code VARCHAR(200),
  error_message VARCHAR(1000),
  service_ids VARCHAR(4000),
  metadata BYTEA,
  encrypted BOOLEAN NOT NULL,
  nonce_prefix BYTEA,
  content_ref VARCHAR(4000),
  content_length BIGINT,
  content_chunks INT,
  CONSTRAINT outbox_item_key UNIQUE (kind, idempotency_key)
);
CREATE INDEX outbox_item_due ON outbox_item (status, kind, next_attempt_at);
CREATE INDEX outbox_item_created ON outbox_item (created_at);
CREATE TABLE outbox_chunk (
  item_id VARCHAR(36) NOT NULL,
  seq INT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (item_id, seq)
);
