// ESLint for every workspace: typescript-eslint's recommended rules (syntax only, no type
// information: typescript-eslint cannot read TypeScript 7 projects yet, and `npm run typecheck`
// already runs the compiler), React's hook rules for the console, and the module boundaries
// STYLE.md asks for. The boundaries used to be a hand-written test (telephony/test/app/
// boundaries.test.ts); as lint rules they cover every workspace and point at the offending line.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Patterns for `no-restricted-imports`, each with the reason it exists. */
const onlyPublicEntries = {
  regex: '^@cc1357/[^/]+/(src|test)(/|$)',
  message: "Import another workspace through its package entry (its package.json 'exports'), not its files.",
};
const ioLibraries = ['ari-client', 'ioredis', 'bullmq', 'pg', 'socket.io', 'socket.io-client', 'express', 'pino'];

/**
 * One `no-restricted-imports` setting per directory. ESLint replaces (does not merge) a rule's
 * options when a later block matches the same file, so every block carries the repo-wide pattern
 * too; for nested directories the inner block lists the outer one's patterns as well.
 */
const restrictImports = (files, patterns, paths = [], ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns: [onlyPublicEntries, ...patterns], paths }] },
});

/** `process.env` outside the entry points: config is read once, at start, into a typed object. */
const noProcessEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read the environment only in an entry point (main.ts) and hand it to the config loader.',
};
/** A `.query(...)` call is SQL; the services of crm-api leave SQL to repositories. */
const noSqlInServices = {
  selector: "CallExpression[callee.property.name='query']",
  message: 'Services issue no SQL: put the statement in a repository (crm-api/src/repositories) and call it.',
};

const telephonyEntryOnly = {
  // contracts/node is contracts' Node-only entry (the metrics listener both services share).
  regex: '^@cc1357/(?!contracts/node$)[^/]+/.+',
  message: 'telephony imports other workspaces only through their main entry.',
};

const config = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'var/**',
      'bench/results/**',
      'asterisk-config/etc/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: [...TS, '**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      // `_`-prefixed names are deliberate: a callback's unused position, a discarded destructure.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // verbatimModuleSyntax wants `import type` for types; this keeps it consistent and fixable.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // STYLE.md: no `any`/`as never` escapes.
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'no-throw-literal': 'error',
      'no-implicit-coercion': ['error', { allow: ['!!'] }],
      'no-restricted-imports': ['error', { patterns: [onlyPublicEntries] }],
    },
  },
  // Plain JavaScript (the password worker, configs) is not TypeScript: no TS-only rules there.
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // ---- The console: React hook rules ----
  {
    files: ['agent-console/**/*.ts', 'agent-console/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },

  // ---- Module boundaries (why each exists is in its comment) ----

  // telephony's core is the pure call/agent/queue logic: (state, event, now) → (state, effects).
  // It is tested as tables of events in and effects out, which only works if it can do no I/O:
  // no libraries besides zod and the shared contracts, no adapters, no app code, no node: APIs.
  restrictImports(
    ['telephony/src/core/**'],
    [
      {
        regex: '^(?!zod$|@cc1357/contracts$|\\./[\\w-]+$)',
        message:
          "telephony's core stays pure: it may import only zod, @cc1357/contracts and its own siblings (./x). Put I/O in adapters/.",
      },
    ],
  ),
  // telephony reads other workspaces only through their package entry (its tests reach into
  // others' files through the entry too), so a workspace can reshape its files freely.
  restrictImports(
    ['telephony/src/**'],
    [telephonyEntryOnly],
    [],
    ['telephony/src/core/**', 'telephony/src/adapters/**'],
  ),
  // Adapters sit below the app: they translate one outside system (ARI, AMI, Redis, crm-api,
  // sockets) and are wired by app/, never the other way round, so an adapter can be tested and
  // replaced without the services. Shared pieces they need (the scheduler) live in clock/.
  restrictImports(
    ['telephony/src/adapters/**'],
    [
      telephonyEntryOnly,
      { regex: '(^|/)app(/|$)', message: 'Adapters never import app/: app wires adapters, not the other way round.' },
    ],
  ),
  // Config is read once: only telephony's entry points see process.env (they hand it to app/config).
  {
    files: ['telephony/src/**'],
    ignores: ['telephony/src/main.ts', 'telephony/src/ami-main.ts'],
    rules: { 'no-restricted-syntax': ['error', noProcessEnv] },
  },

  // contracts and ivr-flows are shared by the server and the browser: schemas and pure logic,
  // no I/O library may creep in (STYLE.md, habit 12).
  restrictImports(
    ['contracts/src/**', 'ivr-flows/src/**'],
    ioLibraries.map((name) => ({
      group: [name, `${name}/*`],
      message: 'contracts and ivr-flows stay free of I/O libraries: they run in the browser too.',
    })),
  ),

  // crm-api is layered routes → services → repositories. Routes translate HTTP and delegate;
  // services hold the rules; repositories hold the SQL and nothing else. Each layer imports only
  // the ones below it, so SQL stays readable in one place and rules stay testable without HTTP.
  restrictImports(
    ['crm-api/src/routes/**', 'crm-api/src/http/**'],
    [
      {
        regex: '^\\.\\./(repositories|db)(/|$)',
        message: 'Routes reach the database only through a service (routes → services → repositories).',
      },
    ],
    [],
  ),
  restrictImports(
    ['crm-api/src/services/**'],
    [
      {
        regex: '^\\.\\./(routes|http)(/|$)',
        message: 'Services know nothing of HTTP: routes call services, not back.',
      },
      { group: ['express', 'express/*'], message: 'Services know nothing of HTTP.' },
    ],
    // A service may name pg's types (a pool it hands on) but never runs a statement itself.
    [{ name: 'pg', allowTypeImports: true, message: 'Services issue no SQL: call a repository.' }],
  ),
  {
    files: ['crm-api/src/services/**'],
    rules: { 'no-restricted-syntax': ['error', noSqlInServices] },
  },
  restrictImports(
    ['crm-api/src/repositories/**'],
    [
      {
        regex: '^\\.\\./(services|routes|http|jobs)(/|$)',
        message: 'Repositories stay dumb: SQL in, rows out; they call no service, route or job.',
      },
    ],
  ),
  // domain/ is crm-api's pure rules (KPIs, masking, phone numbers): no database, no HTTP.
  restrictImports(
    ['crm-api/src/domain/**'],
    [
      {
        regex: '^\\.\\./(services|routes|http|jobs|repositories|db)(/|$)',
        message: 'domain/ holds pure rules: it reaches no database, service or route.',
      },
      ...ioLibraries.map((name) => ({
        group: [name, `${name}/*`],
        message: 'domain/ holds pure rules: no I/O library.',
      })),
    ],
  ),

  // Exactly one console module owns the socket: realtime/ connects, reconnects and acks; every
  // other part of the console reads its state. A second socket would double events and acks.
  restrictImports(
    ['agent-console/**'],
    [
      {
        group: ['socket.io-client', 'socket.io-client/*'],
        message: "Only agent-console/src/realtime imports socket.io-client: it owns the console's one socket.",
      },
    ],
    [],
    ['agent-console/src/realtime/**'],
  ),
);

export default config;
