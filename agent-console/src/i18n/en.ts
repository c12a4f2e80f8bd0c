import type { Resources } from './ko';
import { enShell } from './en-shell';
import { enDesk } from './en-desk';
import { enWork } from './en-work';
import { enSupervision } from './en-supervision';
import { enRecordings } from './en-recordings';
import { enReports } from './en-reports';
import { enAnalysis } from './en-analysis';
import { enMyDay } from './en-myday';

/** English: the same tree as ko.ts (Resources), one file per part of the console (en-*.ts). */
export const en: Resources = {
  ...enShell,
  ...enDesk,
  ...enWork,
  ...enSupervision,
  ...enRecordings,
  ...enReports,
  ...enAnalysis,
  ...enMyDay,
};
