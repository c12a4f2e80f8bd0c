import { watch, type FSWatcher } from 'node:fs';
import type { FlowSetResult } from '../validate/flow-set';
import { loadFlowSet, type LoadOptions } from './load-flow-set';

/** The subset of a pino logger the watcher uses. */
export interface WatchLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WatchOptions extends LoadOptions {
  logger: WatchLogger;
  /** Quiet period after the last file event before reloading (editors write in bursts). */
  debounceMs?: number;
}

export interface FlowSetWatcher {
  /** The set calls should start with now (null until a valid set was seen). */
  current(): FlowSetResult | null;
  close(): void;
}

/**
 * Hot reload. On every change the folder is validated again:
 * - valid and different → `onChange` gets the new set (new `version`);
 * - invalid → `onChange` gets the problems together with the set still in force (its
 *   `version`/`entry` are the old ones), so the caller never loses a working flow, and the
 *   refused files' own hash as `rejectedVersion`.
 * Calls already running keep the CompiledFlow they started with.
 */
/** What the watcher reports: a set, or the set kept after a refused edit (with the refused files' hash). */
export type WatchedFlowSet = FlowSetResult & { rejectedVersion?: string };

export function watchFlowSet(
  dir: string,
  onChange: (result: WatchedFlowSet) => void,
  options: WatchOptions,
): FlowSetWatcher {
  const { logger, debounceMs = 150, ...loadOptions } = options;
  let current: FlowSetResult | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const reload = async () => {
    const result = await loadFlowSet(dir, loadOptions);
    if (closed) return;
    if (result.entry) {
      if (current?.version === result.version) return;
      logger.info({ dir, version: result.version, previous: current?.version ?? null }, 'ivr flow set loaded');
      current = result;
      onChange(result);
    } else {
      logger.warn(
        { dir, problems: result.problems, kept: current?.version ?? null },
        'ivr flow set rejected; keeping the previous version',
      );
      onChange({
        version: current?.version ?? '',
        flows: current?.flows ?? {},
        entry: current?.entry ?? null,
        problems: result.problems,
        rejectedVersion: result.version,
      });
    }
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = running
        .then(reload)
        .catch((error: unknown) => logger.error({ dir, err: error }, 'ivr flow reload failed'));
    }, debounceMs);
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, () => schedule());
    watcher.on('error', (error) => logger.error({ dir, err: error }, 'ivr flow watcher failed'));
  } catch (error) {
    logger.error({ dir, err: error }, 'cannot watch ivr flow folder');
  }
  running = running.then(reload);

  return {
    current: () => current,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
