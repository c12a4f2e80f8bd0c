import { pathParam, type AriContext } from '../../spec';

/** Helpers the /channels route files share. */
export const channelId = pathParam('channelId', "Channel's id");

/** A channel under app control and able to take media (404 / 409 / 412 in that order). */
export function usable(ctx: AriContext) {
  const ch = ctx.pbx.requireControl(String(ctx.params.channelId));
  return ctx.pbx.requireUsable(ch);
}

/** A channel under app control (404 / 409). */
export function controlled(ctx: AriContext) {
  return ctx.pbx.requireControl(String(ctx.params.channelId));
}
