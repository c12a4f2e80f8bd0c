import type { z } from 'zod';
import { AppError } from '../errors';

/** Parses input with a contracts schema; a failure is a 400 naming every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw AppError.badRequest(result.error);
  return result.data;
}
