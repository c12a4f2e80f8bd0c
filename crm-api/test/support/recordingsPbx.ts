import { startPbxSim, type PbxSim } from '@cc1357/pbx-sim';

/**
 * A real pbx-sim and real ARI requests: a recording is made as telephony makes one (record a
 * mixing bridge under the call's name, then stop it), and served by the PBX's ARI file route.
 */
export interface RecordingPbx {
  sim: PbxSim;
  ari: { url: string; username: string; password: string };
  /** Records `name` for a moment and stops it; resolves once the PBX stored it. */
  record(name: string): Promise<void>;
  /** The bytes the PBX serves for `name`. */
  file(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startRecordingPbx(): Promise<RecordingPbx> {
  const sim = await startPbxSim({ timeScale: 0.05 });
  const auth = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
  const ari = async (method: string, path: string): Promise<Response> => {
    const res = await fetch(`${sim.ariUrl}${path}`, { method, headers: { authorization: auth } });
    if (!res.ok) throw new Error(`ARI ${method} ${path} → ${res.status} ${await res.text()}`);
    return res;
  };
  let bridges = 0;
  return {
    sim,
    ari: { url: sim.url, username: sim.username, password: sim.password },
    async record(name) {
      const bridge = `rec-bridge-${++bridges}`;
      await ari('POST', `/bridges?type=mixing&bridgeId=${bridge}`);
      await ari('POST', `/bridges/${bridge}/record?name=${encodeURIComponent(name)}&format=wav`);
      // Some recorded time (simulated 20× faster): the stop below is what makes the file.
      await new Promise((r) => setTimeout(r, 60));
      await ari('POST', `/recordings/live/${encodeURIComponent(name)}/stop`);
      await ari('DELETE', `/bridges/${bridge}`);
    },
    async file(name) {
      return Buffer.from(await (await ari('GET', `/recordings/stored/${encodeURIComponent(name)}/file`)).arrayBuffer());
    },
    close: () => sim.close(),
  };
}
