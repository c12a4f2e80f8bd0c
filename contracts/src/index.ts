/**
 * @cc1357/contracts — what the services say to each other, organised by kind:
 * - vocabulary/: the fixed words (queues, categories, agent states, roles, error codes, time)
 * - rest/: crm-api's resources (one file each), the route table and the typed client
 * - events/: socket.io events between telephony and the console
 * - pbx/: pbx-sim's steering API
 * - auth/: token claims, signing, the service token's routes, production secrets
 * - partners/: the signed webhooks exchanged with partner centers (relay package, outcome)
 * - text/: formatting and parsing helpers shared by services and the console
 */
export * from './vocabulary/center';
export * from './vocabulary/agent';
export * from './vocabulary/skills';
export * from './vocabulary/errors';
export * from './vocabulary/regions';
export * from './vocabulary/ksic';
export * from './vocabulary/time';
export * from './vocabulary/wrapUp';
export * from './auth/claims';
export * from './auth/token';
export * from './auth/secrets';
export * from './auth/serviceRoutes';
export * from './rest/auth';
export * from './rest/companies';
export * from './rest/consultations';
export * from './rest/callers';
export * from './rest/programs';
export * from './rest/callbacks';
export * from './rest/relays';
export * from './rest/recordings';
export * from './partners/relayPackage';
export * from './partners/webhookSignature';
export * from './rest/sms';
export * from './rest/imports';
export * from './rest/stats';
export * from './rest/reports';
export * from './rest/myDay';
export * from './rest/analysis';
export * from './rest/callEvents';
export * from './rest/agentStateChanges';
export * from './rest/health';
export * from './rest/route';
export * from './rest/routes';
export * from './rest/client';
export * from './events/socket';
export * from './events/ivrFlowSet';
export * from './events/desk-controls';
export * from './events/monitoring';
export * from './events/agent-transfer';
export * from './events/supervision';
export * from './events/agent-relay';
export * from './events/agent-dial';
export * from './pbx/control';
export * from './pbx/recordingName';
export * from './text/bizRegNo';
export * from './text/smsText';
export * from './text/seoulDate';
export * from './text/csvEncoding';
export * from './text/phoneDisplay';
