/**
 * Records the reference traces in ../traces on a real Asterisk:
 *
 *   node_modules/.bin/tsx pbx-sim/test/trace/record.ts --asterisk <prefix>/sbin/asterisk [--only R1] [--runs 3]
 *
 * starts a throwaway instance on 127.0.0.1:18188 (asterisk-instance.ts), runs every scenario of
 * scenarios.ts `runs` times, writes `<scenario>.json` and stops the instance. `--url http://…`
 * records against an instance that is already running (user/password asterisk) instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startInstance, type Instance } from './asterisk-instance';
import { recordScenario } from './recorder';
import { SCENARIOS } from './scenarios';

const { values } = parseArgs({
  options: {
    asterisk: { type: 'string' },
    url: { type: 'string' },
    port: { type: 'string', default: '18188' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    sounds: { type: 'string', default: '/usr/share/asterisk' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../traces') },
  },
});

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!values.url && !values.asterisk)
  throw new Error('give --asterisk <prefix>/sbin/asterisk or --url http://127.0.0.1:<port>');

let instance: Instance | undefined;
try {
  if (!values.url)
    instance = await startInstance({
      binary: String(values.asterisk),
      port: Number(values.port),
      soundsDir: String(values.sounds),
    });
  const url = values.url ?? instance?.url ?? '';
  const auth = `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}`;
  const info = (await (await fetch(`${url}/ari/asterisk/info`, { headers: { authorization: auth } })).json()) as {
    system?: { version?: string };
  };
  const version = info.system?.version ?? 'unknown';
  fs.mkdirSync(String(values.out), { recursive: true });
  for (const def of SCENARIOS) {
    if (values.only && !def.scenario.startsWith(values.only)) continue;
    console.log(`recording ${def.scenario} (${runs} runs) on Asterisk ${version}`);
    const trace = await recordScenario({ url, user: 'asterisk', password: 'asterisk' }, def, runs, version);
    const file = path.join(String(values.out), `${def.scenario}.json`);
    fs.writeFileSync(file, `${JSON.stringify(trace, null, 1)}\n`);
    console.log(
      `  ${trace.steps.length} steps, ${trace.unstable_order.length} unstable pairs → ${path.relative(process.cwd(), file)}`,
    );
  }
} catch (err) {
  if (instance) console.error(instance.log().split('\n').slice(-40).join('\n'));
  throw err;
} finally {
  await instance?.stop();
}
