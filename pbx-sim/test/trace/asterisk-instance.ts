/**
 * A throwaway Asterisk for recording reference traces: a minimal config in a temp folder (HTTP/ARI
 * only, no SIP, no AMI; Local channels are the parties) with the dialplan pbx-sim simulates, run
 * in the foreground (`asterisk -C <conf> -f`) and stopped again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface InstanceOptions {
  /** The `asterisk` binary of a build (`<prefix>/sbin/asterisk`). */
  binary: string;
  port: number;
  /** Sounds and MOH come from here (`<dir>/sounds/en`, `<dir>/moh`). */
  soundsDir: string;
}

export interface Instance {
  url: string;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

/** Modules an ARI-only instance with Local channels, bridges, MOH, playback and recording needs. */
const MODULES = [
  'res_timing_timerfd',
  'res_sorcery_config',
  'res_sorcery_memory',
  'res_http_websocket',
  'res_websocket_client',
  'res_stasis',
  'res_stasis_answer',
  'res_stasis_playback',
  'res_stasis_recording',
  'res_stasis_snoop',
  'res_ari',
  'res_ari_model',
  'res_ari_applications',
  'res_ari_asterisk',
  'res_ari_bridges',
  'res_ari_channels',
  'res_ari_endpoints',
  'res_ari_events',
  'res_ari_playbacks',
  'res_ari_recordings',
  'res_ari_sounds',
  'app_stasis',
  'pbx_config',
  'res_musiconhold',
  'chan_bridge_media',
  'bridge_simple',
  'bridge_softmix',
  'bridge_holding',
  'bridge_native_rtp',
  'format_wav',
  'format_pcm',
  'format_gsm',
  'codec_ulaw',
  'codec_alaw',
  'codec_gsm',
  'codec_resample',
  'func_channel',
  'res_format_attr_opus',
];

/** The dialplan of src/model/dialplan.ts (DEFAULT_DIALPLAN) in extensions.conf form. */
const EXTENSIONS = `[inbound]
exten => 1357,1,NoOp(inbound Local call)
 same => n,Stasis(cc-ivr,inbound)
 same => n,Ringing()
 same => n,Wait(60)

[agents]
exten => agent,1,Answer()
 same => n,Wait(60)
exten => ring,1,Ringing()
 same => n,Wait(60)
exten => noanswer,1,Ringing()
 same => n,Wait(60)

[park]
exten => s,1,Wait(60)
`;

export function writeConfig(dir: string, o: InstanceOptions): string {
  const prefix = path.dirname(path.dirname(o.binary));
  const etc = path.join(dir, 'etc');
  for (const d of ['etc', 'lib', 'spool/recording', 'run', 'log', 'data'])
    fs.mkdirSync(path.join(dir, d), { recursive: true });
  // The data dir must hold the build's XML documentation (Stasis refuses to start without it),
  // next to the system's sounds and music.
  const data = path.join(dir, 'data');
  fs.symlinkSync(path.join(prefix, 'var/lib/asterisk/documentation'), path.join(data, 'documentation'));
  fs.symlinkSync(path.join(o.soundsDir, 'sounds'), path.join(data, 'sounds'));
  fs.symlinkSync(path.join(o.soundsDir, 'moh'), path.join(data, 'moh'));
  const files: Record<string, string> = {
    'asterisk.conf': `[directories]
astetcdir => ${etc}
astmoddir => ${path.join(prefix, 'lib/asterisk/modules')}
astvarlibdir => ${path.join(dir, 'lib')}
astdbdir => ${path.join(dir, 'lib')}
astkeydir => ${path.join(dir, 'lib')}
astdatadir => ${data}
astagidir => ${path.join(dir, 'lib')}
astspooldir => ${path.join(dir, 'spool')}
astrundir => ${path.join(dir, 'run')}
astlogdir => ${path.join(dir, 'log')}
astsbindir => ${path.join(prefix, 'sbin')}

[options]
defaultlanguage = en
`,
    'modules.conf': `[modules]\nautoload = no\n${MODULES.map((m) => `load => ${m}.so`).join('\n')}\n`,
    'http.conf': `[general]\nenabled = yes\nbindaddr = 127.0.0.1\nbindport = ${o.port}\n`,
    'ari.conf': `[general]\nenabled = yes\n\n[asterisk]\ntype = user\nread_only = no\npassword = asterisk\n`,
    'extensions.conf': EXTENSIONS,
    'musiconhold.conf': `[default]\nmode = files\ndirectory = moh\n`,
    'logger.conf': `[logfiles]\nmessages.log => notice,warning,error,verbose(3)\n`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(etc, name), text);
  return path.join(etc, 'asterisk.conf');
}

export async function startInstance(o: InstanceOptions): Promise<Instance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-sim-traces-'));
  const conf = writeConfig(dir, o);
  const child: ChildProcess = spawn(o.binary, ['-C', conf, '-f', '-n'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${o.port}`;
  const auth = `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`asterisk exited (${child.exitCode}):\n${output}`);
    }
    const ok = await fetch(`${url}/ari/asterisk/info`, { headers: { authorization: auth } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`asterisk did not answer on ${url}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dir,
    log: () => output + readIfExists(path.join(dir, 'log/messages.log')),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
