import { call, makeUser } from '../../crm-api/test/support/server';
import {
  answeredCall,
  postEvents,
  recordingRow,
  startRecordingCrm,
  tokenWith,
} from '../../crm-api/test/support/recordingCalls';
import { startRecordingPbx } from '../../crm-api/test/support/recordingsPbx';
import { percentiles, type BenchContext, type BenchResult } from '../types';

/**
 * Recordings (issue 13): how soon a call's recording is playable after its end, and how fast
 * crm-api serves byte ranges of it by signed URL. Real pbx-sim (the PBX's ARI file route),
 * crm-api with its BullMQ finalise job, PostgreSQL and Redis, on this machine.
 *
 * - end → playable: from crm-api receiving the call's `recording.finished` event to the index
 *   row being `stored` (downloaded from the PBX, checksummed, measured). BENCH_RECORDINGS
 *   calls (default 40), one after another.
 * - range serving: BENCH_RANGE_REQUESTS (default 2,000) requests for 4 KiB ranges at random
 *   offsets, BENCH_RANGE_CONCURRENCY (default 16) at a time, through one signed URL.
 */
export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const calls = Number(ctx.env.BENCH_RECORDINGS ?? 40);
  const requests = Number(ctx.env.BENCH_RANGE_REQUESTS ?? 2000);
  const concurrency = Number(ctx.env.BENCH_RANGE_CONCURRENCY ?? 16);
  const pbx = await startRecordingPbx();
  const { crm } = await startRecordingCrm(pbx);
  try {
    const supervisorId = await makeUser(crm.db, { username: 'bench-sup', role: 'supervisor' });
    const supervisor = await tokenWith('supervisor', supervisorId);

    const names = Array.from({ length: calls }, (_, i) => `bench-rec-${i}`);
    for (const id of names) await pbx.record(`cc/2025-03-14/${id}`); // made first: only the finalising is timed
    const playable: number[] = [];
    let lastId = '';
    for (const id of names) {
      const started = performance.now();
      await postEvents(crm, answeredCall(id, '1001'));
      for (;;) {
        const row = await recordingRow(crm, `cc/2025-03-14/${id}`);
        if (row?.state === 'stored') {
          lastId = row.id;
          break;
        }
        if (row?.state === 'failed') throw new Error(`recording ${id} failed to finalise`);
        await new Promise((r) => setTimeout(r, 2));
      }
      playable.push(performance.now() - started);
    }
    ctx.log(`${calls} recordings finalised`);

    const issued = await call(crm, 'POST', `/api/recordings/${lastId}/url`, { token: supervisor, body: {} });
    if (issued.status !== 200) throw new Error(`signed URL refused: ${issued.status}`);
    const url = `${crm.api.url}${issued.body.url as string}`;
    const size = Number((await fetch(url, { method: 'HEAD' })).headers.get('content-length') ?? 0);
    const span = Math.min(4096, size);
    const latencies: number[] = [];
    let bytes = 0;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < requests) {
        next++;
        const from = Math.floor(Math.random() * Math.max(1, size - span));
        const t = performance.now();
        const res = await fetch(url, { headers: { range: `bytes=${from}-${from + span - 1}` } });
        const body = await res.arrayBuffer();
        if (res.status !== 206) throw new Error(`range answered ${res.status}`);
        latencies.push(performance.now() - t);
        bytes += body.byteLength;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const notes = {
      fileBytes: size,
      rangeBytes: span,
      concurrency,
      requestsPerSecond: Math.round(requests / seconds),
      mibPerSecond: Math.round((bytes / 1048576 / seconds) * 10) / 10,
    };
    ctx.log(`${requests} ranges in ${seconds.toFixed(1)} s: ${notes.requestsPerSecond} req/s`);
    return [
      { suite: 'recordings', name: 'call end → playable (finalised)', ...percentiles(playable), notes: { calls } },
      { suite: 'recordings', name: `range request (${span} B, signed URL)`, ...percentiles(latencies), notes },
    ];
  } finally {
    await crm.close();
    await pbx.close();
  }
}
