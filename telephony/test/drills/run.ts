import { DRILLS, runDrills } from './lib/index';

/**
 * `npx tsx telephony/test/drills/run.ts [--full] [drill…]`: runs the failure drills outside
 * vitest and prints their figures as JSON (the bench scenario `drills` calls runDrills itself).
 */
const args = process.argv.slice(2);
const quick = !args.includes('--full');
const only = args.filter((a) => !a.startsWith('--'));
const log = (line: string) => console.error(line);
if (only.length === 0) console.log(JSON.stringify(await runDrills({ quick, log }), null, 2));
else {
  const figures: Record<string, unknown> = {};
  for (const name of only) {
    const drill = DRILLS[name];
    if (!drill) throw new Error(`no drill ${name}; drills: ${Object.keys(DRILLS).join(', ')}`);
    figures[name] = await drill({ quick, log });
  }
  console.log(JSON.stringify(figures, null, 2));
}
process.exit(0);
