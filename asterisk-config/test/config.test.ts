import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STASIS_APP, SERVICE_NUMBER } from '@cc1357/contracts';
import { ASTERISK_ETC_DIR, parseConf, section, values } from '../src/index';

const read = (name: string) => readFileSync(path.join(ASTERISK_ETC_DIR, name), 'utf8');
const conf = (name: string) => parseConf(read(name));
/**
 * Runs one of the #exec helpers exactly as Asterisk would: from the configuration folder (the
 * working directory bin/start-asterisk.sh gives Asterisk), with the given environment only.
 */
const runExec = (script: string, env: Record<string, string>, args: string[] = []) =>
  execFileSync(path.join(ASTERISK_ETC_DIR, 'bin', script), args, {
    cwd: ASTERISK_ETC_DIR,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  }).toString();

/** A .conf file as Asterisk reads it: each #exec of a bin/ helper replaced by its output for `env`. */
const confAsLoaded = (name: string, env: Record<string, string> = {}) =>
  parseConf(
    read(name).replace(/^#exec bin\/(\S+)((?: \S+)*)\s*$/gm, (_line, script: string, args: string) =>
      runExec(script, env, args.trim().split(' ').filter(Boolean)),
    ),
  );

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
    const failedAt = lines.findIndex(
      (l) => l.includes('STASISSTATUS') && l.includes('FAILED') && l.includes('fallback'),
    );
    expect(failedAt).toBeGreaterThan(stasisAt);
    expect(lines.some((l) => l.startsWith('fallback,1,'))).toBe(true);
    expect(lines.some((l) => /Queue\(fallback\b/.test(l))).toBe(true);
  });

  it('sends partner relays out through the partner trunk pjsip can build', () => {
    const partners = [
      ...values(section(dialplan, 'partners'), 'exten'),
      ...values(section(dialplan, 'partners'), 'same'),
    ];
    expect(partners.some((l) => l.includes('@partner-trunk'))).toBe(true);
    const trunk = parseConf(runExec('pjsip-secrets.sh', { PARTNER_TRUNK_HOST: '192.0.2.7' }));
    expect(trunk.sections.filter((s) => s.name === 'partner-trunk').map((s) => values(s, 'type')[0])).toEqual([
      'endpoint',
      'aor',
    ]);
    // Inbound from partners lands like any 1357 call; sending it back to [partners] would loop.
    expect(
      values(
        trunk.sections.find((s) => s.name === 'partner-trunk'),
        'context',
      ),
    ).toEqual(['from-trunk']);
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
    if (env.AGENT_EXTENSIONS)
      expect(members.sort()).toEqual(env.AGENT_EXTENSIONS.split(' ').map((ext) => `PJSIP/${ext}`));
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
    for (const d of execs) accessSync(path.join(ASTERISK_ETC_DIR, d.target.split(' ')[0] as string), constants.X_OK);
    expect(values(section(conf('asterisk.conf'), 'options'), 'execincludes')).toEqual(['yes']);
  });

  it('names every #exec helper relative to the configuration folder, so it works wherever the folder is', () => {
    const execs = files.flatMap((f) =>
      conf(f)
        .directives.filter((d) => d.kind === 'exec')
        .map((d) => `${f}:${d.line} ${d.target}`),
    );
    expect(execs.filter((e) => !/ bin\/[\w-]+\.sh( [a-z]+)?$/.test(e))).toEqual([]);
  });

  it('configures no ARI user without ARI_PASSWORD, and the given one with it', () => {
    expect(parseConf(runExec('ari-user.sh', {})).sections).toEqual([]);
    const withUser = parseConf(runExec('ari-user.sh', { ARI_USERNAME: 'cc', ARI_PASSWORD: 's3cret' }));
    expect(values(section(withUser, 'cc'), 'password')).toEqual(['s3cret']);
    expect(values(section(withUser, 'cc'), 'type')).toEqual(['user']);
  });

  it('configures no AMI user without AMI_SECRET', () => {
    expect(parseConf(runExec('ami-user.sh', {})).sections).toEqual([]);
  });

  it.each([
    ['loopback only by default', {}, ['127.0.0.1/255.255.255.255']],
    [
      'the networks AMI_PERMIT names',
      { AMI_PERMIT: '10.1.0.0/16 192.168.0.0/255.255.0.0' },
      ['10.1.0.0/16', '192.168.0.0/255.255.0.0'],
    ],
  ])('lets the AMI user in from %s, and nothing else', (_name, env: Record<string, string>, permits) => {
    const ami = parseConf(runExec('ami-user.sh', { AMI_SECRET: 'x', ...env }));
    expect(values(section(ami, 'telephony'), 'deny')).toEqual(['0.0.0.0/0.0.0.0']);
    expect(values(section(ami, 'telephony'), 'permit')).toEqual(permits);
  });

  it('builds agent phones from templates that exist', () => {
    const base = conf('pjsip.conf');
    const templates = new Set(base.sections.filter((s) => s.isTemplate).map((s) => s.name));
    const generated = parseConf(runExec('pjsip-secrets.sh', { AGENT_SIP_PASSWORD: 'pw', TRUNK_HOST: '192.0.2.10' }));
    for (const s of generated.sections)
      for (const t of s.inherits) expect(templates.has(t), `${s.name} inherits ${t}`).toBe(true);
    expect(section(generated, 'carrier')).toBeDefined();
  });
});

describe('where Asterisk listens', () => {
  it("keeps the stack's addresses and ports by default (what docker-compose.yml publishes)", () => {
    expect(values(section(confAsLoaded('http.conf'), 'general'), 'bindaddr')).toEqual(['0.0.0.0']);
    expect(values(section(confAsLoaded('http.conf'), 'general'), 'bindport')).toEqual(['8088']);
    expect(values(section(confAsLoaded('manager.conf'), 'general'), 'port')).toEqual(['5038']);
    expect(values(section(confAsLoaded('pjsip.conf'), 'transport-udp'), 'bind')).toEqual(['0.0.0.0:5060']);
    expect(values(section(confAsLoaded('rtp.conf'), 'general'), 'rtpstart')).toEqual(['10000']);
    expect(values(section(confAsLoaded('rtp.conf'), 'general'), 'rtpend')).toEqual(['10200']);
    expect(values(section(confAsLoaded('pjsip.conf'), 'agent-phone'), 'media_address')).toEqual([]);
  });

  it('moves every listener, RTP included, to the address and ports the environment names', () => {
    const env = {
      ASTERISK_BIND_ADDRESS: '127.0.0.1',
      ASTERISK_HTTP_PORT: '18088',
      AMI_PORT: '15038',
      SIP_PORT: '15060',
      RTP_PORT_START: '30000',
      RTP_PORT_END: '30098',
    };
    expect(values(section(confAsLoaded('http.conf', env), 'general'), 'bindaddr')).toEqual(['127.0.0.1']);
    expect(values(section(confAsLoaded('http.conf', env), 'general'), 'bindport')).toEqual(['18088']);
    expect(values(section(confAsLoaded('manager.conf', env), 'general'), 'bindaddr')).toEqual(['127.0.0.1']);
    expect(values(section(confAsLoaded('manager.conf', env), 'general'), 'port')).toEqual(['15038']);
    expect(values(section(confAsLoaded('pjsip.conf', env), 'transport-udp'), 'bind')).toEqual(['127.0.0.1:15060']);
    expect(values(section(confAsLoaded('rtp.conf', env), 'general'), 'rtpstart')).toEqual(['30000']);
    expect(values(section(confAsLoaded('rtp.conf', env), 'general'), 'rtpend')).toEqual(['30098']);
    expect(values(section(confAsLoaded('pjsip.conf', env), 'agent-phone'), 'media_address')).toEqual(['127.0.0.1']);
    const trunk = parseConf(runExec('pjsip-secrets.sh', { ...env, TRUNK_HOST: '127.0.0.2' }));
    expect(
      values(
        trunk.sections.find((s) => s.name === 'carrier' && values(s, 'type')[0] === 'endpoint'),
        'bind_rtp_to_media_address',
      ),
    ).toEqual(['yes']);
  });

  it('enables ARI and the HTTP server ARI runs on', () => {
    expect(values(section(conf('ari.conf'), 'general'), 'enabled')).toEqual(['yes']);
    expect(values(section(conf('http.conf'), 'general'), 'enabled')).toEqual(['yes']);
  });
});

describe('core settings (asterisk.conf)', () => {
  it('has a real [directories] section: a template one is ignored by Asterisk as a whole', () => {
    const directories = section(conf('asterisk.conf'), 'directories');
    expect(directories).toBeDefined();
    expect(directories?.isTemplate).toBe(false);
  });

  it('reads its own folder as astetcdir and takes the others from the environment', () => {
    const dirs = parseConf(`[directories]\n${runExec('directories.sh', { ASTERISK_SPOOL_DIR: '/tmp/x/spool' })}`);
    expect(values(section(dirs, 'directories'), 'astetcdir')).toEqual([ASTERISK_ETC_DIR]);
    expect(values(section(dirs, 'directories'), 'astspooldir')).toEqual(['/tmp/x/spool']);
    // Unset folders keep Asterisk's compiled-in defaults.
    expect(values(section(dirs, 'directories'), 'astlogdir')).toEqual([]);
  });

  it('starts Asterisk in the foreground from this folder, with #exec in asterisk.conf and a umask that keeps recordings private', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cc1357-fake-asterisk-'));
    const fake = path.join(dir, 'asterisk');
    writeFileSync(fake, '#!/bin/sh\necho "umask=$(umask) cwd=$(pwd) args=$*"\n', { mode: 0o755 });
    const out = execFileSync(path.join(ASTERISK_ETC_DIR, 'bin', 'start-asterisk.sh'), ['-C', 'x.conf'], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ASTERISK_BIN: fake },
    }).toString();
    rmSync(dir, { recursive: true, force: true });
    expect(out.trim()).toBe(`umask=0027 cwd=${realpathSync(ASTERISK_ETC_DIR)} args=-f -X -C x.conf`);
  });
});

describe('fallback queue (app_queue, telephony down)', () => {
  it('never rings a phone that is in a call or not registered (ringinuse = no)', () => {
    expect(values(section(conf('queues.conf'), 'fallback'), 'ringinuse')).toEqual(['no']);
  });
});
