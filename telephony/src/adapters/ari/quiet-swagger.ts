/**
 * ari-client 2.2.0 loads Asterisk's API description with its bundled swagger-client 2.0.26, which
 * defines a global `log` that prints to the console — on every start, "This API is using a
 * deprecated version of Swagger!" (Asterisk serves Swagger 1.1; nothing to act on) — and keeps
 * every line it was given in `log.history` for the life of the process.
 *
 * We replace that global once ari-client is loaded: the deprecation notice is dropped, anything
 * else swagger-client logs still reaches the console as before, and no history piles up.
 */
const DEPRECATION_NOTICE = /deprecated version of Swagger/;

type SwaggerLog = (...args: unknown[]) => void;

export function quietSwaggerClient(): void {
  const scope = globalThis as { log?: SwaggerLog & { quiet?: true } };
  if (typeof scope.log !== 'function' || scope.log.quiet) return;
  const quiet: SwaggerLog & { quiet?: true } = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && DEPRECATION_NOTICE.test(args[0])) return;
    console.log(args);
  };
  quiet.quiet = true;
  scope.log = quiet;
}
