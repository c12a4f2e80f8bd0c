// The password-hashing thread (see passwordHasher.ts). Plain JS so it loads the same way under
// tsx, vitest and node. It hashes synchronously: the work stays on this thread and never
// queues on libuv's shared pool, where the main thread's crypto (token checks) and file I/O run.
import { scryptSync } from 'node:crypto';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync, verifySync, Algorithm } from '@node-rs/argon2';

// On Linux a nice value belongs to a thread: this one yields the CPU to the event loop (the
// pops, the socket) whenever both want it. Elsewhere it would lower the whole process: skip.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // Not allowed here (some containers): hashing just runs at normal priority.
  }
}

parentPort.on('message', (job) => {
  try {
    let result;
    if (job.op === 'argon2-hash') {
      result = hashSync(job.password, {
        algorithm: Algorithm.Argon2id,
        memoryCost: job.memoryCost,
        timeCost: job.timeCost,
        parallelism: job.parallelism,
      });
    } else if (job.op === 'argon2-verify') {
      result = verifySync(job.hash, job.password);
    } else if (job.op === 'scrypt') {
      result = scryptSync(job.password, Buffer.from(job.salt, 'base64'), job.keyLen, {
        N: job.N,
        r: job.r,
        p: job.p,
        maxmem: 256 * job.N * job.r,
      }).toString('base64');
    } else {
      throw new Error(`unknown op ${job.op}`);
    }
    parentPort.postMessage({ id: job.id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({ id: job.id, ok: false, error: String(err && err.message ? err.message : err) });
  }
});
