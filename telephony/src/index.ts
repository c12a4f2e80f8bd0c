/**
 * @cc1357/telephony — the CTI server: Stasis app `callcenter` over ARI, ACD over Redis, agent
 * state and the socket.io gateway for consoles.
 */
export { startTelephony, type TelephonyDeps, type TelephonyHandle } from './app/wiring';
export { loadConfig, ConfigError, type TelephonyConfig } from './app/config';
export { type Scheduler, systemScheduler, fastScheduler } from './clock/scheduler';
export { type PhoneDriver, simPhoneDriver, sipPhoneDriver } from './adapters/phone-driver';
