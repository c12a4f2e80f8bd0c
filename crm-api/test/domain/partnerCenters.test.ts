import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTNER_IDS } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { partnerCenters, PartnerConfigError } from '../../src/domain/partnerCenters';

const SECRET = 'a-partner-secret-of-32-characters!';
// A Friday at 12:00 KST, the same at 19:00, a Saturday, and 삼일절 (Saturday 2025-03-01) / 어린이날 (Monday 2025-05-05).
const FRI_NOON = new Date('2025-03-14T03:00:00Z');
const FRI_EVENING = new Date('2025-03-14T10:00:00Z');
const SAT = new Date('2025-03-15T03:00:00Z');
const CHILDRENS_DAY = new Date('2025-05-05T03:00:00Z');

describe('partner centers as configuration', () => {
  it('the nine centers with defaults: names, ministries, numbers, weekday 09–18 hours, no webhooks', () => {
    const p = partnerCenters();
    expect(p.list().map((c) => c.id)).toEqual([...PARTNER_IDS]);
    expect(p.get('fta1380')).toMatchObject({
      nameKo: 'FTA 종합지원센터',
      ministry: '산업통상자원부',
      dial: '1380',
      webhook: null,
    });
    expect(p.get('nts').ministry).toBe('국세청');
    expect(p.status('fta1380', FRI_NOON)).toEqual({ open: true });
    expect(p.status('fta1380', FRI_EVENING)).toEqual({ open: false, reason: 'outsideHours' });
    expect(p.status('fta1380', SAT)).toEqual({ open: false, reason: 'closedDay' });
    expect(p.status('fta1380', CHILDRENS_DAY)).toMatchObject({ open: false, reason: 'holiday' });
    expect(p.find('nope')).toBeNull();
  });

  it('a center overridden: trunk, hours in the IVR calendar format (holidays too), webhook and secret', () => {
    const p = partnerCenters({
      customs: {
        dial: 'PJSIP/customs-trunk/125',
        hours: { hours: { weekdays: ['08:00-20:00'], sat: ['09:00-13:00'] }, holidays: { open: ['2025-05-05'] } },
        webhookUrl: 'https://customs.example/1357',
        secret: SECRET,
      },
    });
    const c = p.get('customs');
    expect(c).toMatchObject({ dial: 'PJSIP/customs-trunk/125', webhook: { url: 'https://customs.example/1357' } });
    expect(p.status('customs', FRI_EVENING)).toEqual({ open: true });
    expect(p.status('customs', SAT)).toEqual({ open: true });
    expect(p.status('customs', CHILDRENS_DAY)).toEqual({ open: true });
  });

  it('refuses a bad file, naming every bad field', () => {
    const problems = () =>
      partnerCenters({
        fta1380: { webhookUrl: 'ftp://x', secret: 'short' },
        moel: { webhookUrl: 'https://moel.example/hook' },
        kipo: { hours: { hours: { weekdays: ['18:00-09:00'] } } },
        nobody: {},
      });
    expect(problems).toThrow(PartnerConfigError);
    let message = '';
    try {
      problems();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/fta1380\.webhookUrl: must be an http\(s\) URL/);
    expect(message).toMatch(/fta1380\.secret: must be at least 32 characters/);
    expect(message).toMatch(/nobody/);
  });

  it('webhook and secret go together; hours are checked like the IVR calendar', () => {
    expect(() => partnerCenters({ moel: { webhookUrl: 'https://moel.example/hook' } })).toThrow(
      /moel: webhookUrl and secret go together/,
    );
    expect(() => partnerCenters({ kipo: { hours: { hours: { weekdays: ['25:00-26:00'] } } } })).toThrow(
      /kipo\.hours\.hours\.weekdays\.0/,
    );
  });

  it('loadConfig reads PARTNER_CENTERS_FILE, and names it when it is bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partners-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ pps: { webhookUrl: 'http://127.0.0.1:9/hook', secret: SECRET } }));
    const base = { DATABASE_URL: 'postgres://x@h/db', AUTH_SECRET: '0123456789abcdef' };
    expect(loadConfig({ ...base, PARTNER_CENTERS_FILE: good }).partners?.get('pps').webhook?.secret).toBe(SECRET);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ pps: { secret: 'x' } }));
    expect(() => loadConfig({ ...base, PARTNER_CENTERS_FILE: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PARTNER_CENTERS_FILE: join(dir, 'missing.json') })).toThrow(
      /PARTNER_CENTERS_FILE: cannot read/,
    );
  });
});
