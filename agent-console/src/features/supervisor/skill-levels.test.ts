import { SupervisorAgentSkillsCommandV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { SKILL_LEVEL_CHOICES, skillsCommand } from './skill-levels';

describe('skillsCommand', () => {
  it('sends the picked skills in queue order with their levels off the default, which telephony accepts', () => {
    const command = skillsCommand('1001', new Set(['hr', 'fund']), { fund: 5, hr: 3, export: 1 });
    expect(command).toEqual({ agentId: '1001', skills: ['fund', 'hr'], levels: { fund: 5 } });
    expect(SupervisorAgentSkillsCommandV1.safeParse(command).success).toBe(true);
  });

  it('omits levels when every picked skill is at the default (the command of a console before levels)', () => {
    expect(skillsCommand('1001', new Set(['fund']), { fund: 3, hr: 5 })).toEqual({ agentId: '1001', skills: ['fund'] });
  });

  it('offers the levels 1 to 5', () => {
    expect(SKILL_LEVEL_CHOICES).toEqual([1, 2, 3, 4, 5]);
  });
});
