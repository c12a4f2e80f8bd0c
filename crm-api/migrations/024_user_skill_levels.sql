-- Skill levels (issue 16, Routing): skill (queue id) → level 1–5 for the skills in `skills` whose
-- level differs from the default 3. Users stored before levels existed get '{}' = every skill at 3,
-- so `skills` stays the list of queues a counselor takes and older readers are unaffected.
ALTER TABLE users ADD COLUMN skill_levels jsonb NOT NULL DEFAULT '{}'::jsonb
  CHECK (jsonb_typeof(skill_levels) = 'object');
