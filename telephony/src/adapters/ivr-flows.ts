import { type CompiledFlow, type IvrState, defaultFlowsDir, loadFlowSetOrThrow, startIvr, stepIvr, watchFlowSet } from '@cc1357/ivr-flows';
import type { Logger } from 'pino';
import type { IvrEngine, IvrEvent, IvrStep } from './ivr';

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
}

export async function createIvrFlowsEngine(options: IvrFlowsOptions): Promise<IvrEngine & { close(): void }> {
  const dir = options.dir ?? defaultFlowsDir;
  const loadOptions = options.alwaysOpen ? { calendar: { alwaysOpen: true } } : {};
  let current = await loadFlowSetOrThrow(dir, loadOptions);
  const versions = new Map<string, CompiledFlow>([[current.version, current]]);
  options.log.info({ dir, version: current.version }, 'IVR flow set loaded');
  const watcher = options.watch
    ? watchFlowSet(
        dir,
        (result) => {
          if (result.entry && result.entry.version !== current.version) {
            current = result.entry;
            versions.set(current.version, current);
          }
        },
        { ...loadOptions, logger: options.log },
      )
    : null;

  return {
    start(ctx, now): IvrStep {
      return startIvr(current, ctx, now);
    },
    step(state, event: IvrEvent, now): IvrStep {
      const s = state as IvrState;
      const flow = versions.get(s?.flowVersion) ?? current;
      return stepIvr(flow, s, event as Parameters<typeof stepIvr>[2], now);
    },
    close() {
      watcher?.close();
    },
  };
}
