-- Idempotency-Key on POST (docs/idempotency.md): the first answer to a key,
-- per user, replayed to repeats for 24 hours. `state` is 'running' while the
-- first request runs, then 'response' (status, headers, body), 'error' (body
-- holds the error's code, message and fields) or 'withheld' (the answer held
-- credentials and is not kept).
CREATE TABLE idempotency_keys (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'response', 'error', 'withheld')),
  status INTEGER,
  content_type TEXT,
  etag TEXT,
  location TEXT,
  body TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
