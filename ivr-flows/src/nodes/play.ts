import { z } from 'zod';
import { NodeId, PromptList } from '../schema/common';
import { promptsAt, type NodeUnit } from './unit';

export const PlayNode = z.strictObject({
  type: z.literal('play'),
  prompts: PromptList.min(1, 'a play node needs at least one prompt'),
  /** A digit cuts the prompts short and is handed to the next node (usually a menu). */
  bargeIn: z.boolean().default(false),
  next: NodeId,
  label: z.string().optional(),
});
export type PlayNode = z.infer<typeof PlayNode>;

/** Plays prompts, then moves on. */
export const play: NodeUnit<PlayNode> = {
  type: 'play',
  schema: PlayNode,
  waitsForInput: false,
  edges: (n) => [{ label: 'next', target: n.next, path: ['next'] }],
  prompts: (n) => promptsAt(n.prompts, 'prompts'),
  enter(rt, n, bargeDigit) {
    if (bargeDigit !== null && n.bargeIn) return rt.goto(n.next, `digit ${bargeDigit}`, bargeDigit);
    if (!rt.play(n.prompts, n.bargeIn)) rt.goto(n.next, 'next');
  },
  onPromptFinished: (rt, n) => rt.goto(n.next, 'played'),
  onDigit(rt, n, digit) {
    if (n.bargeIn && rt.state.waiting === 'prompt') rt.goto(n.next, `barge-in ${digit}`, digit);
  },
};
