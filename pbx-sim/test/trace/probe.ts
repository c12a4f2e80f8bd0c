/**
 * HTTP and WebSocket facts the trace format cannot hold, checked the same way on a real Asterisk
 * and on pbx-sim (issue 9 §5):
 *
 *   node_modules/.bin/tsx pbx-sim/test/trace/probe.ts --asterisk <prefix>/sbin/asterisk
 *   node_modules/.bin/tsx pbx-sim/test/trace/probe.ts --url http://127.0.0.1:<port>
 *
 * Prints one JSON object: close code, Cache-Control of a JSON answer / a 404 / a stored
 * recording file, whether ApplicationReplaced reached the old socket before the new one opened,
 * and GET /applications/{app} after its only socket closed.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { startInstance, type Instance } from './asterisk-instance';

const { values } = parseArgs({
  options: {
    asterisk: { type: 'string' },
    url: { type: 'string' },
    port: { type: 'string', default: '18188' },
    sounds: { type: 'string', default: '/usr/share/asterisk' },
  },
});

const auth = `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}`;

async function openSocket(url: string, app: string, onOpen?: () => void): Promise<{ ws: WebSocket; events: string[] }> {
  const events: string[] = [];
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${app}&api_key=asterisk:asterisk`);
  ws.on('message', (d) => events.push((JSON.parse(d.toString()) as { type: string }).type));
  await new Promise<void>((resolve, reject) =>
    ws
      .once('open', () => {
        onOpen?.();
        resolve();
      })
      .once('error', reject),
  );
  return { ws, events };
}

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

async function probe(url: string): Promise<Record<string, unknown>> {
  const ari = (method: string, path: string) =>
    fetch(`${url}/ari${path}`, { method, headers: { authorization: auth } });
  const out: Record<string, unknown> = {};

  const first = await openSocket(url, 'probe-app');
  const order: string[] = [];
  first.ws.on('message', () => order.push('old: ApplicationReplaced'));
  const second = await openSocket(url, 'probe-app', () => order.push('new: open'));
  await until(() => order.length >= 2);
  out.replacedBeforeNewOpen = order[0] === 'old: ApplicationReplaced';

  const code = new Promise<number>((resolve) => second.ws.once('close', (c) => resolve(c)));
  second.ws.close();
  out.closeCode = await code;
  first.ws.close();
  await until(() => first.ws.readyState === WebSocket.CLOSED);
  // Asterisk drops the app a moment after its last socket: poll briefly.
  let status = 0;
  for (let i = 0; i < 50 && status !== 404; i++) {
    status = (await ari('GET', '/applications/probe-app')).status;
    if (status !== 404) await new Promise((r) => setTimeout(r, 20));
  }
  out.applicationAfterLastSocket = status;

  out.cacheControlJson = (await ari('GET', '/channels')).headers.get('cache-control');
  out.cacheControl404 = (await ari('GET', '/channels/none')).headers.get('cache-control');

  // A short channel recording on a Local channel in a throwaway app, then its stored file.
  const app = await openSocket(url, 'probe-rec');
  await ari('POST', '/channels?endpoint=Local/agent@agents/n&app=probe-rec&channelId=probe-ch');
  await until(() => app.events.includes('StasisStart'));
  await ari('POST', '/channels/probe-ch/record?name=probe-rec-file&format=wav&ifExists=overwrite');
  await until(() => app.events.includes('RecordingStarted'));
  await new Promise((r) => setTimeout(r, 300));
  await ari('POST', '/recordings/live/probe-rec-file/stop');
  await until(() => app.events.includes('RecordingFinished'));
  const file = await ari('GET', '/recordings/stored/probe-rec-file/file');
  out.recordingFile = {
    status: file.status,
    contentType: file.headers.get('content-type'),
    cacheControl: file.headers.get('cache-control'),
  };
  await ari('DELETE', '/recordings/stored/probe-rec-file');
  await ari('DELETE', '/channels/probe-ch');
  await until(() => app.events.includes('ChannelDestroyed'));
  app.ws.close();
  return out;
}

let instance: Instance | undefined;
try {
  if (!values.url) {
    if (!values.asterisk) throw new Error('give --asterisk <prefix>/sbin/asterisk or --url http://127.0.0.1:<port>');
    instance = await startInstance({
      binary: values.asterisk,
      port: Number(values.port),
      soundsDir: String(values.sounds),
    });
  }
  console.log(JSON.stringify(await probe(values.url ?? instance?.url ?? ''), null, 1));
} finally {
  await instance?.stop();
}
