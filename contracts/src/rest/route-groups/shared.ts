import { z } from 'zod';
import { calendarDay } from '../../vocabulary/time';

/** Who may call: the console's people, and telephony's service token besides. */
export const PEOPLE = ['counselor', 'supervisor', 'admin'] as const;
export const PEOPLE_AND_TELEPHONY = ['counselor', 'supervisor', 'admin', 'service'] as const;
export const dbId = (message: string) => z.object({ id: z.string().regex(/^\d{1,18}$/, message) });
export const Day = calendarDay();
