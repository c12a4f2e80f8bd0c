import { AGENT_STATES, NOT_READY_REASONS, OUTCOME_CODES, ROLES } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../actions';
import { en } from './en';
import { initialLanguage, setupI18n } from '.';
import { categoryLabel, queueLabel } from './labels';
import { ko } from './ko';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value as object, path)) out.set(p, v);
  }
  return out;
}

/**
 * English plurals are i18next's `key_one` / `key_other` (the form picked by `count`); Korean has
 * one form, the plain key. Compared with the suffix dropped, each `_one` checked against its `_other`.
 */
function singularFolded(keys: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of keys) {
    const m = /^(.*)_(one|other)$/.exec(key);
    if (!m) out.set(key, value);
    else if (m[2] === 'other') out.set(m[1]!, value);
  }
  return out;
}

const koKeys = leaves(ko);

const enPlural = leaves(en);

const enKeys = singularFolded(enPlural);

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

  it('every English singular has its plural, and uses no placeholder the plural lacks', () => {
    for (const [key, value] of enPlural) {
      const m = /^(.*)_one$/.exec(key);
      if (!m) continue;
      const other = enPlural.get(`${m[1]}_other`);
      expect(other, key).toBeDefined();
      for (const p of placeholders(value)) expect(placeholders(other!), key).toContain(p);
    }
  });

  it('English counts agree with the number: "1 open item", "2 open items"', async () => {
    const i18n = await setupI18n({ getItem: () => 'en' });
    expect(i18n.t('insights.openItems', { count: 1 })).toBe('1 open item');
    expect(i18n.t('insights.openItems', { count: 2 })).toBe('2 open items');
    expect(i18n.t('imports.rows', { count: 1 })).toBe('1 row');
    await i18n.changeLanguage('ko');
    expect(i18n.t('insights.openItems', { count: 1 })).toBe(ko.insights.openItems.replace('{{count}}', '1'));
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
