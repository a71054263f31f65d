-- No primary key: Exoquic gives it REPLICA IDENTITY FULL when it is captured.
CREATE TABLE audit_log (at timestamptz NOT NULL DEFAULT now(), entry text);
