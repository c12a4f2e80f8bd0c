import { ariTimestamp } from './clock';

/**
 * Stasis applications and who is subscribed to what (ARI-FACTS §2, §8).
 * An app exists once a socket named it; it stays registered when the socket goes (deactivated)
 * and events for an inactive app are dropped, never queued.
 */
export interface EventSink {
  send(message: Record<string, unknown>): void;
}

export interface Subjects {
  channels?: string[];
  bridges?: string[];
  endpoints?: string[];
  /** Stasis session events go to exactly this app (and subscribeAll apps), whatever else watches the channel. */
  toApp?: string;
}

type ChannelReason = 'stasis' | 'origin' | 'explicit';

export interface StasisAppState {
  name: string;
  sink: EventSink | null;
  subscribeAll: boolean;
  channels: Map<string, Set<ChannelReason>>;
  /** Bridge id → reference count of controlled channels that entered it (see bridgeRef). */
  bridges: Map<string, number>;
  explicitBridges: Set<string>;
  endpoints: Set<string>;
  /**
   * `PUT /applications/{app}/eventFilter`: the lists as given (Asterisk keeps and shows them
   * verbatim); null or empty = every type allowed / none disallowed. Kept while the app is
   * registered, across its sockets (reset only when the app is finished and made anew).
   */
  eventsAllowed: unknown[] | null;
  eventsDisallowed: unknown[] | null;
}

export class StasisApps {
  private readonly apps = new Map<string, StasisAppState>();

  constructor(
    private readonly now: () => number,
    private readonly asteriskId: string,
  ) {}

  /** A registered app (one that is finished no longer exists: `GET /applications/{app}` is 404). */
  get(name: string): StasisAppState | undefined {
    const app = this.apps.get(name);
    return app && !isFinished(app) ? app : undefined;
  }

  list(): StasisAppState[] {
    return [...this.apps.values()].filter((app) => !isFinished(app));
  }

  /**
   * Asterisk drops an app from its registry once it has no socket and no subscriptions left
   * (`app_is_finished`, checked when the socket goes and when a channel leaves the app); it
   * only stays registered while channels or bridges still reference it.
   */
  private prune(): void {
    for (const [name, app] of this.apps) if (isFinished(app)) this.apps.delete(name);
  }

  private ensure(name: string): StasisAppState {
    let app = this.apps.get(name);
    if (!app) {
      app = {
        name,
        sink: null,
        subscribeAll: false,
        channels: new Map(),
        bridges: new Map(),
        explicitBridges: new Set(),
        endpoints: new Set(),
        eventsAllowed: null,
        eventsDisallowed: null,
      };
      this.apps.set(name, app);
    }
    return app;
  }

  /** A socket names the app. Returns the sink it replaced (which must get ApplicationReplaced). */
  activate(name: string, sink: EventSink, subscribeAll: boolean): EventSink | null {
    const app = this.ensure(name);
    const previous = app.sink;
    app.sink = sink;
    app.subscribeAll = subscribeAll;
    return previous && previous !== sink ? previous : null;
  }

  deactivate(name: string, sink: EventSink): void {
    const app = this.apps.get(name);
    if (app && app.sink === sink) app.sink = null;
    this.prune();
  }

  isActive(name: string): boolean {
    return this.apps.get(name)?.sink != null;
  }

  subscribeChannel(name: string, channelId: string, reason: ChannelReason): void {
    const app = this.ensure(name);
    const reasons = app.channels.get(channelId) ?? new Set<ChannelReason>();
    reasons.add(reason);
    app.channels.set(channelId, reasons);
  }

  unsubscribeChannel(name: string, channelId: string, reason: ChannelReason): void {
    const reasons = this.apps.get(name)?.channels.get(channelId);
    if (!reasons) return;
    reasons.delete(reason);
    if (reasons.size === 0) this.apps.get(name)?.channels.delete(channelId);
    this.prune();
  }

  forgetChannel(channelId: string): void {
    for (const app of this.apps.values()) app.channels.delete(channelId);
    this.prune();
  }

  /**
   * A channel the app controls entered a bridge. Asterisk unsubscribes when the channel is moved or
   * removed by the app but not when it hangs up inside (observed: BridgeDestroyed arrives for a
   * bridge whose last channel hung up, not for one the app emptied with removeChannel).
   */
  bridgeRef(name: string, bridgeId: string, delta: 1 | -1): void {
    const app = this.ensure(name);
    const next = (app.bridges.get(bridgeId) ?? 0) + delta;
    if (next <= 0) app.bridges.delete(bridgeId);
    else app.bridges.set(bridgeId, next);
  }

  forgetBridge(bridgeId: string): void {
    for (const app of this.apps.values()) {
      app.bridges.delete(bridgeId);
      app.explicitBridges.delete(bridgeId);
    }
    this.prune();
  }

  isSubscribed(app: StasisAppState, subjects: Subjects): boolean {
    if (app.subscribeAll || subjects.toApp === app.name) return true;
    if (subjects.toApp) return false;
    if (subjects.channels?.some((id) => app.channels.has(id))) return true;
    if (subjects.bridges?.some((id) => app.bridges.has(id) || app.explicitBridges.has(id))) return true;
    if (subjects.endpoints?.some((e) => app.endpoints.has(e))) return true;
    return false;
  }

  /** Stamp and deliver one event to every active subscribed app whose filter lets it through (each at most once). */
  deliver(type: string, payload: Record<string, unknown>, subjects: Subjects): void {
    const timestamp = ariTimestamp(this.now());
    for (const app of this.apps.values()) {
      if (!app.sink || !eventAllowed(app, type) || !this.isSubscribed(app, subjects)) continue;
      app.sink.send({ type, timestamp, ...payload, asterisk_id: this.asteriskId, application: app.name });
    }
  }

  /** An application event to one socket (ApplicationReplaced to the one replaced); the app's filter applies, as in Asterisk. */
  sendTo(sink: EventSink, type: string, application: string): void {
    const app = this.apps.get(application);
    if (app && !eventAllowed(app, type)) return;
    sink.send({ type, timestamp: ariTimestamp(this.now()), asterisk_id: this.asteriskId, application });
  }
}

/**
 * `PUT /applications/{app}/eventFilter` as Asterisk 22 applies it (res/stasis/app.c,
 * `stasis_app_event_filter_set`): the body itself is the filter. An object sets the lists it names
 * (`{}` resets both; a list not named is left alone); no body resets both; any other JSON is used
 * as both lists. Each list must be an array of objects with a non-empty string `type`. The
 * disallowed list is set first and the allowed one only if that worked, so a body whose allowed
 * list is bad still changes the disallowed one. False = 400 "Invalid format definition".
 */
export function setEventFilter(app: StasisAppState, filter: unknown): boolean {
  return (
    setFilterList(app, 'eventsDisallowed', filter, 'disallowed') &&
    setFilterList(app, 'eventsAllowed', filter, 'allowed')
  );
}

function setFilterList(
  app: StasisAppState,
  member: 'eventsAllowed' | 'eventsDisallowed',
  filter: unknown,
  key: 'allowed' | 'disallowed',
): boolean {
  let list: unknown = filter ?? null;
  if (isPlainObject(filter)) {
    if (Object.keys(filter).length === 0) list = null;
    else if (!(key in filter))
      return true; // another list was named: this one stays
    else if (!Array.isArray((list = filter[key]))) return false; // `"allowed": null` too
  }
  if (list !== null && !Array.isArray(list)) return false;
  if (list && !list.every((entry) => isPlainObject(entry) && typeof entry.type === 'string' && entry.type !== ''))
    return false;
  app[member] = list;
  return true;
}

/** Disallowed wins; an empty or absent allowed list allows everything. */
export function eventAllowed(app: StasisAppState, type: string): boolean {
  if (app.eventsDisallowed?.some((entry) => typeOf(entry) === type)) return false;
  if (!app.eventsAllowed || app.eventsAllowed.length === 0) return true;
  return app.eventsAllowed.some((entry) => typeOf(entry) === type);
}

function typeOf(entry: unknown): unknown {
  return isPlainObject(entry) ? entry.type : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFinished(app: StasisAppState): boolean {
  return (
    !app.sink &&
    app.channels.size === 0 &&
    app.bridges.size === 0 &&
    app.explicitBridges.size === 0 &&
    app.endpoints.size === 0
  );
}
