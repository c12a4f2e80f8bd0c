import { z } from 'zod';

/** Environment of the standalone CLI, parsed once; one message lists every bad variable. */
const Env = z.object({
  PBX_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  PBX_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8088),
  PBX_SIM_USER: z.string().min(1).default('asterisk'),
  PBX_SIM_PASSWORD: z.string().min(1).default('asterisk'),
  PBX_SIM_TIME_SCALE: z.coerce.number().positive().max(100).default(1),
  PBX_SIM_RECORDING_DIR: z.string().min(1).optional(),
  /** The longest any recording runs, in simulated seconds (load runs: bounded disk). Absent: no limit. */
  PBX_SIM_MAX_RECORDING_SECONDS: z.coerce.number().int().positive().optional(),
  PBX_SIM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type PbxSimConfig = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv): PbxSimConfig {
  const result = Env.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid pbx-sim environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
