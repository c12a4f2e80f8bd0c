import { z } from 'zod';

/**
 * Skill levels (issue 16, Routing): how well an agent handles a queue, 1 (learning) to 5
 * (expert). Among Ready agents holding a queue's skill the ACD picks the highest level, then the
 * longest idle. Levels ride beside the plain `skills` list (queue ids) as an optional map, so
 * records, tokens and stored users written before levels existed keep working: a skill without
 * an entry has DEFAULT_SKILL_LEVEL.
 */
export const MIN_SKILL_LEVEL = 1;
export const MAX_SKILL_LEVEL = 5;
/** A skill given without a level: the middle, so a supervisor can rank agents above or below it. */
export const DEFAULT_SKILL_LEVEL = 3;

export const SkillLevel = z.number().int().min(MIN_SKILL_LEVEL).max(MAX_SKILL_LEVEL);
export type SkillLevel = z.infer<typeof SkillLevel>;

/** Skill (queue id) → level; skills without an entry have the default level. */
export const SkillLevels = z.record(z.string(), SkillLevel);
export type SkillLevels = z.infer<typeof SkillLevels>;

/** The level an agent has in a skill (the default when the map or its entry is absent). */
export function skillLevelOf(levels: Readonly<Record<string, number>> | null | undefined, skill: string): number {
  const level = levels?.[skill];
  return typeof level === 'number' ? level : DEFAULT_SKILL_LEVEL;
}

/**
 * The levels worth keeping for a skills list: entries for skills the agent holds and that differ
 * from the default. Keeps stored maps small and makes "no levels" and "all default" compare equal.
 */
export function normalizeSkillLevels(
  skills: readonly string[],
  levels: Readonly<Record<string, number>> | null | undefined,
): SkillLevels {
  const out: SkillLevels = {};
  for (const skill of skills) {
    const level = skillLevelOf(levels, skill);
    if (level !== DEFAULT_SKILL_LEVEL) out[skill] = level;
  }
  return out;
}

/** Whether two level maps say the same for these skills (absent entries = default). */
export function sameSkillLevels(
  skills: readonly string[],
  a: Readonly<Record<string, number>> | null | undefined,
  b: Readonly<Record<string, number>> | null | undefined,
): boolean {
  return skills.every((s) => skillLevelOf(a, s) === skillLevelOf(b, s));
}
