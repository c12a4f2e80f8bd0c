/**
 * `@cc1357/contracts/node`: the little both Node services share that is not a contract but must
 * not be written twice. Node-only (node:http): the console imports `@cc1357/contracts`, never this.
 */
export * from './metricsServer';
