import {
  type CompiledFlow,
  defaultFlowsDir,
  loadFlowSetOrThrow,
  startIvr,
  stepIvr,
  watchFlowSet,
} from '@cc1357/ivr-flows';
import type { IvrFlowSetV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { IvrEngine, IvrStep } from './ivr';
import { flowSetView } from './ivr-flow-view';

/**
 * The IVR engine over `@cc1357/ivr-flows`: loads the flow set once (failing loudly if it is
 * invalid), then hot-reloads it. A call keeps the flow version it started with.
 */
export interface IvrFlowsOptions {
  dir: string | null;
  log: Logger;
  /** Ignore business hours (demo, tests). */
  alwaysOpen?: boolean;
  watch?: boolean;
  /** Debounce of the file watcher (ms); ivr-flows' default when absent. */
  debounceMs?: number;
  now?: () => Date;
}

export async function createIvrFlowsEngine(options: IvrFlowsOptions): Promise<IvrEngine> {
  const dir = options.dir ?? defaultFlowsDir;
  const loadOptions = options.alwaysOpen ? { calendar: { alwaysOpen: true } } : {};
  let current = await loadFlowSetOrThrow(dir, loadOptions);
  const versions = new Map<string, CompiledFlow>([[current.version, current]]);
  const now = options.now ?? (() => new Date());
  options.log.info({ dir, version: current.version }, 'IVR flow set loaded');
  let loadedAt = now();
  let view = flowSetView(current, loadedAt);
  const listeners = new Set<(view: IvrFlowSetV1) => void>();
  const publish = () => {
    for (const listener of listeners) {
      try {
        listener(view);
      } catch (err) {
        options.log.error({ err: String(err) }, 'flow set listener failed');
      }
    }
  };
  const watcher = options.watch
    ? watchFlowSet(
        dir,
        (result) => {
          if (result.problems.length > 0) {
            // Rejected edit: the old version stays in force, the problems (and the refused
            // files' hash) go to the admins.
            view = flowSetView(current, loadedAt, result.problems, {
              at: now(),
              version: result.rejectedVersion || null,
            });
            publish();
            return;
          }
          if (result.entry && result.entry.version !== current.version) {
            current = result.entry;
            versions.set(current.version, current);
            loadedAt = now();
            view = flowSetView(current, loadedAt);
            publish();
          }
        },
        {
          ...loadOptions,
          logger: options.log,
          ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
        },
      )
    : null;

  return {
    start(ctx, now): IvrStep {
      return startIvr(current, ctx, now);
    },
    step(state, event, now): IvrStep {
      const flow = versions.get(state?.flowVersion) ?? current;
      return stepIvr(flow, state, event, now);
    },
    flowSet: () => view,
    onFlowSet(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      watcher?.close();
    },
  };
}
