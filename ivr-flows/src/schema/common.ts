import { z } from 'zod';

/** Node, flow and variable ids: short, readable in reports and golden traces. */
export const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;
export const NodeId = z
  .string()
  .regex(ID_PATTERN, 'must be lower-case letters, digits, - or _ and start with a letter');
export const VarName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be a plain identifier');
export const PromptList = z.array(z.string().min(1, 'prompt id must not be empty'));
export const PositiveMs = z
  .number()
  .int()
  .min(100, 'must be at least 100 ms')
  .max(120_000, 'must be at most 120000 ms');

/** Where a finding points inside a YAML document (keys and sequence indexes). */
export type YamlPath = ReadonlyArray<string | number>;

/** A semantic finding before it is turned into `file:line: message`. */
export interface Finding {
  path: YamlPath;
  message: string;
  /** A consequence of another finding (e.g. nodes a mistyped target cut off): listed after the causes. */
  followOn?: boolean;
}

/** The single problem shape every validator emits. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

/** A problem while the set is checked: follow-on ones are sorted after the root causes, then the flag is dropped. */
export type RankedProblem = Problem & { followOn?: boolean };

export const DTMF_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export function isDtmf(value: unknown): value is string {
  return typeof value === 'string' && (DTMF_DIGITS as readonly string[]).includes(value);
}
