import { koShell } from './ko-shell';
import { koDesk } from './ko-desk';
import { koWork } from './ko-work';
import { koSupervision } from './ko-supervision';
import { koRecordings } from './ko-recordings';
import { koReports } from './ko-reports';
import { koAnalysis } from './ko-analysis';
import { koMyDay } from './ko-myday';

/**
 * Korean is the console's first language; every key here must exist in en.ts too. The strings
 * live in one file per part of the console (ko-*.ts); this is their union.
 */
export const ko = {
  ...koShell,
  ...koDesk,
  ...koWork,
  ...koSupervision,
  ...koRecordings,
  ...koReports,
  ...koAnalysis,
  ...koMyDay,
} as const;

/**
 * Another language's resources: the same tree; a string may instead come as i18next plural
 * forms (`key_one` / `key_other`, picked by `count`). test/i18n.test.ts checks every key is there.
 */
type Strings<T> = { [K in keyof T as T[K] extends string ? never : K]: Strings<T[K]> } & {
  [K in keyof T as T[K] extends string ? K | `${K & string}_one` | `${K & string}_other` : never]?: string;
};
export type Resources = Strings<typeof ko>;
