import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STASIS_APP, SERVICE_NUMBER } from '@cc1357/contracts';
import { ASTERISK_ETC_DIR, parseConf, section, values } from '../src/index';

const read = (name: string) => readFileSync(path.join(ASTERISK_ETC_DIR, name), 'utf8');
const conf = (name: string) => parseConf(read(name));
/** Runs one of the #exec helpers exactly as Asterisk would, with the given environment only. */
const runExec = (script: string, env: Record<string, string>) =>
  execFileSync(path.join(ASTERISK_ETC_DIR, 'bin', script), { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } }).toString();

/** A .conf file as Asterisk reads it: each #exec of a bin/ helper replaced by its output for `env`. */
const confAsLoaded = (name: string, env: Record<string, string>) =>
  parseConf(read(name).replace(/^#exec \/etc\/asterisk\/bin\/(\S+)\s*$/gm, (_line, script: string) => runExec(script, env)));

describe('dialplan', () => {
  const dialplan = conf('extensions.conf');

  it(`sends ${SERVICE_NUMBER} from the trunk to Stasis(${STASIS_APP})`, () => {
    const trunk = section(dialplan, 'from-trunk');
    expect(values(trunk, 'exten').some((v) => v.startsWith(`${SERVICE_NUMBER},1,`))).toBe(true);
    const entry = section(dialplan, 'callcenter-entry');
    const lines = [...values(entry, 'exten'), ...values(entry, 'same')];
    expect(lines.some((l) => l.includes(`Stasis(${STASIS_APP},inbound)`))).toBe(true);
  });

  it('falls back to the agents when the application is not connected (STASISSTATUS=FAILED)', () => {
    const entry = section(dialplan, 'callcenter-entry');
    const lines = [...values(entry, 'exten'), ...values(entry, 'same')];
    const stasisAt = lines.findIndex((l) => l.includes('Stasis('));
    const failedAt = lines.findIndex((l) => l.includes('STASISSTATUS') && l.includes('FAILED') && l.includes('fallback'));
    expect(failedAt).toBeGreaterThan(stasisAt);
    expect(lines.some((l) => l.startsWith('fallback,1,'))).toBe(true);
    expect(lines.some((l) => /Queue\(fallback\b/.test(l))).toBe(true);
  });

  it('sends partner relays out through the partner trunk pjsip can build', () => {
    const partners = [...values(section(dialplan, 'partners'), 'exten'), ...values(section(dialplan, 'partners'), 'same')];
    expect(partners.some((l) => l.includes('@partner-trunk'))).toBe(true);
    const trunk = parseConf(runExec('pjsip-secrets.sh', { PARTNER_TRUNK_HOST: '192.0.2.7' }));
    expect(trunk.sections.filter((s) => s.name === 'partner-trunk').map((s) => values(s, 'type')[0])).toEqual(['endpoint', 'aor']);
    // Inbound from partners lands like any 1357 call; sending it back to [partners] would loop.
    expect(values(trunk.sections.find((s) => s.name === 'partner-trunk'), 'context')).toEqual(['from-trunk']);
  });

  it.each([
    ['the default extensions', {}, 8],
    ['AGENT_EXTENSIONS', { AGENT_EXTENSIONS: '2001 2002 2010' }, 3],
  ])('rings every configured agent phone in the fallback queue (%s)', (_name, env: Record<string, string>, count) => {
    const members = values(section(confAsLoaded('queues.conf', env), 'fallback'), 'member');
    const phones = runExec('pjsip-secrets.sh', { ...env, AGENT_SIP_PASSWORD: 'x' })
      .split('\n')
      .map((l) => /^\[(\d+)\]\(agent-phone\)$/.exec(l)?.[1])
      .filter(Boolean)
      .map((ext) => `PJSIP/${ext}`);
    expect(phones).toHaveLength(count);
    expect(members.sort()).toEqual(phones.sort());
    if (env.AGENT_EXTENSIONS) expect(members.sort()).toEqual(env.AGENT_EXTENSIONS.split(' ').map((ext) => `PJSIP/${ext}`));
  });
});

describe('secrets come from the environment', () => {
  const files = readdirSync(ASTERISK_ETC_DIR).filter((f) => f.endsWith('.conf'));

  it('writes no password or secret value in any .conf file', () => {
    for (const file of files) {
      for (const s of conf(file).sections) {
        for (const e of s.entries) {
          if (/^(password|secret)$/i.test(e.key)) throw new Error(`${file}:${e.line}: ${e.key} is written in the repo`);
        }
      }
    }
  });

  it('has every #exec helper present and executable, and enables execincludes', () => {
    const execs = files.flatMap((f) => conf(f).directives.filter((d) => d.kind === 'exec'));
    expect(execs.length).toBeGreaterThanOrEqual(3);
    for (const d of execs) {
      const local = path.join(ASTERISK_ETC_DIR, d.target.replace(/^\/etc\/asterisk\//, ''));
      accessSync(local, constants.X_OK);
    }
    expect(values(section(conf('asterisk.conf'), 'options'), 'execincludes')).toEqual(['yes']);
  });

  it('configures no ARI user without ARI_PASSWORD, and the given one with it', () => {
    expect(parseConf(runExec('ari-user.sh', {})).sections).toEqual([]);
    const withUser = parseConf(runExec('ari-user.sh', { ARI_USERNAME: 'cc', ARI_PASSWORD: 's3cret' }));
    expect(values(section(withUser, 'cc'), 'password')).toEqual(['s3cret']);
    expect(values(section(withUser, 'cc'), 'type')).toEqual(['user']);
  });

  it('configures no AMI user without AMI_SECRET, and limits it to the compose network', () => {
    expect(parseConf(runExec('ami-user.sh', {})).sections).toEqual([]);
    const ami = parseConf(runExec('ami-user.sh', { AMI_SECRET: 'x' }));
    expect(values(section(ami, 'telephony'), 'deny')).toEqual(['0.0.0.0/0.0.0.0']);
  });

  it('builds agent phones from templates that exist', () => {
    const base = conf('pjsip.conf');
    const templates = new Set(base.sections.filter((s) => s.isTemplate).map((s) => s.name));
    const generated = parseConf(runExec('pjsip-secrets.sh', { AGENT_SIP_PASSWORD: 'pw', TRUNK_HOST: '192.0.2.10' }));
    for (const s of generated.sections) for (const t of s.inherits) expect(templates.has(t), `${s.name} inherits ${t}`).toBe(true);
    expect(section(generated, 'carrier')).toBeDefined();
  });
});

describe('ARI and HTTP', () => {
  it('enables ARI and the HTTP server ARI runs on', () => {
    expect(values(section(conf('ari.conf'), 'general'), 'enabled')).toEqual(['yes']);
    expect(values(section(conf('http.conf'), 'general'), 'enabled')).toEqual(['yes']);
    expect(values(section(conf('http.conf'), 'general'), 'bindport')).toEqual(['8088']);
  });
});

// The tier that needs a real Asterisk (e.g. the compose stack's, with TEST_ASTERISK_BIN pointing at
// its CLI): ask the running server for the entry dialplan. Skipped with one line elsewhere.
const asteriskBin = process.env.TEST_ASTERISK_BIN ?? (spawnSync('which', ['asterisk']).stdout?.toString().trim() || '');
describe.skipIf(!asteriskBin)('a running Asterisk started with this configuration', () => {
  it('shows the 1357 entry dialplan', () => {
    const out = spawnSync(asteriskBin, ['-C', path.join(ASTERISK_ETC_DIR, 'asterisk.conf'), '-rx', 'dialplan show callcenter-entry'], { encoding: 'utf8' });
    expect(out.stdout).toContain('Stasis');
  });
});
if (!asteriskBin) console.info('asterisk-config: no asterisk binary here (set TEST_ASTERISK_BIN) — real-Asterisk load check skipped');
