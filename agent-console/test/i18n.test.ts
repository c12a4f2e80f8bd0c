import { AGENT_STATES, NOT_READY_REASONS, OUTCOME_CODES, ROLES } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/actions';
import { en } from '../src/i18n/en';
import { initialLanguage } from '../src/i18n';
import { categoryLabel, queueLabel } from '../src/i18n/labels';
import { ko } from '../src/i18n/ko';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value as object, path)) out.set(p, v);
  }
  return out;
}

const koKeys = leaves(ko);
const enKeys = leaves(en);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  it('ko and en have exactly the same keys, none empty', () => {
    expect([...enKeys.keys()].sort()).toEqual([...koKeys.keys()].sort());
    for (const [key, value] of [...koKeys, ...enKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('ko and en use the same interpolation placeholders', () => {
    for (const [key, value] of koKeys) expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('every agent state, reason, outcome, role and action has a label', () => {
    for (const s of AGENT_STATES) expect(koKeys.has(`agentStates.${s}`), s).toBe(true);
    for (const r of NOT_READY_REASONS) expect(koKeys.has(`reasons.${r}`), r).toBe(true);
    for (const o of OUTCOME_CODES) expect(koKeys.has(`outcomes.${o}`), o).toBe(true);
    for (const r of ROLES) expect(koKeys.has(`roles.${r}`), r).toBe(true);
    for (const a of ACTIONS) expect(koKeys.has(a.labelKey), a.labelKey).toBe(true);
  });

  it('Korean is the default language; English only when chosen', () => {
    expect(initialLanguage(null)).toBe('ko');
    expect(initialLanguage('fr')).toBe('ko');
    expect(initialLanguage('en')).toBe('en');
  });

  it('queue and category labels come from contracts in both languages', () => {
    expect(queueLabel('fund', 'ko')).toBe('정책자금·금융');
    expect(queueLabel('fund', 'en')).toBe('Policy funds & finance');
    expect(categoryLabel('startup', 'ko')).toBe('창업');
    expect(categoryLabel('startup', 'en')).toBe('Start-up');
  });
});
