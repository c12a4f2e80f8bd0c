-- People who sign in. `service` is not a row here: telephony mints its own service tokens.
CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('counselor', 'supervisor', 'admin', 'partner')),
  -- The agent id is also the phone extension; only people who take calls have one.
  agent_id      text UNIQUE,
  skills        text[] NOT NULL DEFAULT '{}',
  -- scrypt$N$r$p$salt$hash (base64), see src/domain/password.ts
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
