import {
  MAX_SKILL_LEVEL,
  MIN_SKILL_LEVEL,
  normalizeSkillLevels,
  type SupervisorAgentSkillsCommandV1,
} from '@cc1357/contracts';
import { orderedSkills } from './coverage-model';

/** The levels a supervisor can pick, lowest first. */
export const SKILL_LEVEL_CHOICES: readonly number[] = Array.from(
  { length: MAX_SKILL_LEVEL - MIN_SKILL_LEVEL + 1 },
  (_, i) => MIN_SKILL_LEVEL + i,
);

/**
 * The skills command for the picked skills and their levels: skills in the queues' order, and
 * `levels` only for picked skills off the default — omitted when none, so the command is the one
 * a console before levels sent (every skill at the default level).
 */
export function skillsCommand(
  agentId: string,
  picked: ReadonlySet<string>,
  levels: Readonly<Record<string, number>>,
): SupervisorAgentSkillsCommandV1 {
  const skills = orderedSkills(picked);
  const kept = normalizeSkillLevels(skills, levels);
  return Object.keys(kept).length > 0 ? { agentId, skills, levels: kept } : { agentId, skills };
}
