-- Revocable sessions: every access token carries the user's session version (`ver`); a token
-- whose version is behind the row's is refused. Logout raises it (services/sessions.ts); so
-- does any deactivation, role or extension change, by whichever path (API, import, SQL).
ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;

CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.session_version := OLD.session_version + 1;
  RETURN NEW;
END $$;

CREATE TRIGGER users_end_sessions_on_change
  BEFORE UPDATE OF active, role, agent_id ON users
  FOR EACH ROW
  WHEN ((OLD.active AND NOT NEW.active) OR OLD.role IS DISTINCT FROM NEW.role OR OLD.agent_id IS DISTINCT FROM NEW.agent_id)
  EXECUTE FUNCTION users_end_sessions();

-- Login attempt counters and locks (rate-limiter-flexible's Postgres store, whose schema this
-- is): key = `account:<username>` or `address:<ip>`, expire = epoch ms. Admins list the locks.
CREATE TABLE login_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Hashes are now argon2id (`$argon2id$…`); old `scrypt$…` rows are rehashed at their next login.
COMMENT ON COLUMN users.password_hash IS 'argon2id PHC string, or legacy scrypt$N$r$p$salt$hash until the next login';
