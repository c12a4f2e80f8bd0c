import { type SkillLevels, seoulDate } from '@cc1357/contracts';
import type { LiveState } from './live-state';

/**
 * Redis records of the supervisor's floor: skills a supervisor changed (read at the agent's next
 * login, so a reconnecting console keeps them), and each agent's handled calls and handle
 * seconds per Seoul day (shared by every process; a day's hash expires after two days).
 */
export class AgentSupervisionStore {
  constructor(private readonly state: LiveState) {}

  async setSkills(agentId: string, skills: string[], at: Date, skillLevels: SkillLevels = {}): Promise<void> {
    await this.state.redis.hset(
      this.state.key('agents:skills'),
      agentId,
      // Levels only when some differ from the default: entries read the same by older processes.
      JSON.stringify({ skills, ...(Object.keys(skillLevels).length > 0 ? { skillLevels } : {}), at: at.toISOString() }),
    );
  }

  /** `skillLevels` is absent in entries written before levels existed (= all at the default). */
  async skillsOf(agentId: string): Promise<{ skills: string[]; skillLevels?: SkillLevels; at: string } | null> {
    const json = await this.state.redis.hget(this.state.key('agents:skills'), agentId);
    return json ? (JSON.parse(json) as { skills: string[]; skillLevels?: SkillLevels; at: string }) : null;
  }

  private dayKey(day: Date): string {
    return this.state.key(`agents:day:${seoulDate(day)}`);
  }

  async addHandled(agentId: string, at: Date, delta: { calls: number; seconds: number }): Promise<void> {
    const key = this.dayKey(at);
    const multi = this.state.redis.multi();
    if (delta.calls) multi.hincrby(key, `${agentId}:calls`, delta.calls);
    multi.hincrbyfloat(key, `${agentId}:seconds`, delta.seconds).expire(key, 2 * 86_400);
    await multi.exec();
  }

  async dayOf(day: Date): Promise<Map<string, { calls: number; seconds: number }>> {
    const all = await this.state.redis.hgetall(this.dayKey(day));
    const out = new Map<string, { calls: number; seconds: number }>();
    for (const [field, value] of Object.entries(all)) {
      const cut = field.lastIndexOf(':');
      const agentId = field.slice(0, cut);
      const entry = out.get(agentId) ?? { calls: 0, seconds: 0 };
      if (field.endsWith(':calls')) entry.calls = Number(value);
      else entry.seconds = Number(value);
      out.set(agentId, entry);
    }
    return out;
  }
}
