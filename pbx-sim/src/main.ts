import pino from 'pino';
import { loadConfig } from './config';
import { startPbxSim } from './index';

/** `tsx pbx-sim/src/main.ts`: run the simulated Asterisk standalone. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const logger = pino({ level: config.PBX_SIM_LOG_LEVEL });
  const sim = await startPbxSim({
    host: config.PBX_SIM_HOST,
    port: config.PBX_SIM_PORT,
    username: config.PBX_SIM_USER,
    password: config.PBX_SIM_PASSWORD,
    timeScale: config.PBX_SIM_TIME_SCALE,
    recordingDir: config.PBX_SIM_RECORDING_DIR,
    ...(config.PBX_SIM_MAX_RECORDING_SECONDS ? { maxRecordingSeconds: config.PBX_SIM_MAX_RECORDING_SECONDS } : {}),
    logger,
  });
  logger.info({ ari: sim.ariUrl, control: sim.controlUrl, recordings: sim.recordingDir }, 'pbx-sim ready');
  const stop = () => {
    logger.info('pbx-sim stopping');
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
