import type { RouteSpec } from '../../spec';
import { controlRoutes } from './control';
import { dialRoute, lifecycleRoutes } from './lifecycle';
import { mediaRoutes } from './media';
import { snoopRoutes } from './snoop';
import { variableRoutes } from './variables';

/**
 * The /channels operations, in the order Asterisk's channels.json lists them (the generated
 * api-docs keep this order; dial comes after snoop there).
 */
export const channelRoutes: RouteSpec[] = [
  ...lifecycleRoutes,
  ...controlRoutes,
  ...mediaRoutes,
  ...variableRoutes,
  ...snoopRoutes,
  dialRoute,
];
