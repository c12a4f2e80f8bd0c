import type { RouteSpec } from '../spec';
import { bridgeRoutes } from './bridges';
import { channelRoutes } from './channels';
import { playbackRoutes, recordingRoutes, soundRoutes } from './media';
import { applicationRoutes, asteriskRoutes, endpointRoutes, miscRoutes } from './system';

/** Every ARI operation pbx-sim implements. */
export const ROUTES: RouteSpec[] = [
  ...asteriskRoutes,
  ...endpointRoutes,
  ...channelRoutes,
  ...bridgeRoutes,
  ...recordingRoutes,
  ...soundRoutes,
  ...playbackRoutes,
  ...miscRoutes,
  ...applicationRoutes,
];
