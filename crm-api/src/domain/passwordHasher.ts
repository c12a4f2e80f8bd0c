import { Worker } from 'node:worker_threads';

/**
 * Password hashing on its own thread. argon2id costs tens of milliseconds of CPU per try; run on
 * libuv's shared pool (as Node's async scrypt does) a flood of logins queued ahead of every
 * token check and made a counselor's screen pop wait a second. One worker thread does the
 * hashing one job at a time, so at most one core is spent on it; beyond `MAX_PENDING` waiting
 * jobs the hasher refuses new ones (login answers 429) instead of building a queue.
 */

export const MAX_PENDING = 32;

export class HasherBusyError extends Error {
  override name = 'HasherBusyError';
}

export type HashJob =
  | { op: 'argon2-hash'; password: string; memoryCost: number; timeCost: number; parallelism: number }
  | { op: 'argon2-verify'; hash: string; password: string }
  | { op: 'scrypt'; password: string; salt: string; keyLen: number; N: number; r: number; p: number };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = null;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./passwordWorker.mjs', import.meta.url));
  w.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    // Idle, the thread must not keep a process (a test, a seed script, the bench) alive.
    if (pending.size === 0) w.unref();
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error ?? 'hashing failed'));
  });
  w.on('error', (err: unknown) => failAll(err instanceof Error ? err : new Error(String(err))));
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`password worker exited (${code})`));
  });
  // After the listeners: adding a 'message' listener refs the worker again.
  w.unref();
  worker = w;
  return w;
}

/** Runs one job on the hashing thread; HasherBusyError when too many are already waiting. */
export function runHashJob<T>(job: HashJob): Promise<T> {
  if (pending.size >= MAX_PENDING) return Promise.reject(new HasherBusyError('too many password checks in progress'));
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const w = theWorker();
    // Busy, it keeps the process alive until the answer comes (a promise alone does not).
    if (pending.size === 0) w.ref();
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage({ id, ...job });
  });
}
