import type { ResourceName } from './spec';

/**
 * Swagger models pbx-sim serves, per API document, in a compact notation of our own:
 * `'string!'` is a required string property, `'List[Channel]'` an optional list.
 * Only what pbx-sim actually produces is declared; the contract test checks every entry
 * against Asterisk's reference `rest-api/api-docs`.
 */
type Props = Record<string, string>;
interface ModelDef {
  description: string;
  props: Props;
}

const channelModels: Record<string, ModelDef> = {
  CallerID: { description: 'Caller identification', props: { name: 'string!', number: 'string!' } },
  DialplanCEP: {
    description: 'Dialplan location (context/extension/priority)',
    props: { context: 'string!', exten: 'string!', priority: 'long!', app_name: 'string!', app_data: 'string!' },
  },
  Channel: {
    description: 'A specific communication connection between Asterisk and an Endpoint.',
    props: {
      id: 'string!',
      protocol_id: 'string!',
      name: 'string!',
      state: 'string!',
      caller: 'CallerID!',
      connected: 'CallerID!',
      accountcode: 'string!',
      dialplan: 'DialplanCEP!',
      creationtime: 'Date!',
      language: 'string!',
      channelvars: 'object',
    },
  },
};

const playbackModel: ModelDef = {
  description: 'Object representing the playback of media to a channel',
  props: {
    id: 'string!',
    media_uri: 'string!',
    next_media_uri: 'string',
    target_uri: 'string!',
    language: 'string',
    state: 'string!',
  },
};

const liveRecordingModel: ModelDef = {
  description: 'A recording that is in progress',
  props: {
    name: 'string!',
    format: 'string!',
    target_uri: 'string!',
    state: 'string!',
    duration: 'int',
    talking_duration: 'int',
    silence_duration: 'int',
    cause: 'string',
  },
};

const bridgeModel: ModelDef = {
  description: 'The merging of media from one or more channels.',
  props: {
    id: 'string!',
    technology: 'string!',
    bridge_type: 'string!',
    bridge_class: 'string!',
    creator: 'string!',
    name: 'string!',
    channels: 'List[string]!',
    video_mode: 'string',
    creationtime: 'Date!',
  },
};

const event = (description: string, props: Props = {}): ModelDef => ({ description, props });

/** Every event type pbx-sim can put on a socket. Anything else would crash ari-client. */
export const EVENT_MODELS: Record<string, ModelDef> = {
  PlaybackStarted: event('Event showing the start of a media playback operation.', { playback: 'Playback!' }),
  PlaybackContinuing: event(
    'Event showing the continuation of a media playback operation from one media URI to the next in the list.',
    { playback: 'Playback!' },
  ),
  PlaybackFinished: event('Event showing the completion of a media playback operation.', { playback: 'Playback!' }),
  RecordingStarted: event('Event showing the start of a recording operation.', { recording: 'LiveRecording!' }),
  RecordingFinished: event('Event showing the completion of a recording operation.', { recording: 'LiveRecording!' }),
  RecordingFailed: event('Event showing failure of a recording operation.', { recording: 'LiveRecording!' }),
  ApplicationReplaced: event('Another WebSocket has taken over this application.'),
  BridgeCreated: event('Notification that a bridge has been created.', { bridge: 'Bridge!' }),
  BridgeDestroyed: event('Notification that a bridge has been destroyed.', { bridge: 'Bridge!' }),
  ChannelCreated: event('Notification that a channel has been created.', { channel: 'Channel!' }),
  ChannelDestroyed: event('Notification that a channel has been destroyed.', {
    cause: 'int!',
    cause_txt: 'string!',
    channel: 'Channel!',
  }),
  ChannelEnteredBridge: event('Notification that a channel has entered a bridge.', {
    bridge: 'Bridge!',
    channel: 'Channel',
  }),
  ChannelLeftBridge: event('Notification that a channel has left a bridge.', {
    bridge: 'Bridge!',
    channel: 'Channel!',
  }),
  ChannelStateChange: event("Notification of a channel's state change.", { channel: 'Channel!' }),
  ChannelDtmfReceived: event('DTMF received on a channel.', {
    digit: 'string!',
    duration_ms: 'int!',
    channel: 'Channel!',
  }),
  ChannelDialplan: event('Channel changed location in the dialplan.', {
    channel: 'Channel!',
    dialplan_app: 'string!',
    dialplan_app_data: 'string!',
  }),
  ChannelUserevent: event('User-generated event with additional user-defined fields in the object.', {
    eventname: 'string!',
    channel: 'Channel',
    bridge: 'Bridge',
    userevent: 'object!',
  }),
  ChannelHangupRequest: event('A hangup was requested on the channel.', {
    cause: 'int',
    soft: 'boolean',
    channel: 'Channel!',
  }),
  ChannelVarset: event('Channel variable changed.', { variable: 'string!', value: 'string!', channel: 'Channel' }),
  ChannelHold: event('A channel initiated a media hold.', { channel: 'Channel!', musicclass: 'string' }),
  ChannelUnhold: event('A channel initiated a media unhold.', { channel: 'Channel!' }),
  Dial: event('Dialing state has changed.', {
    caller: 'Channel',
    peer: 'Channel!',
    forward: 'string',
    dialstring: 'string',
    dialstatus: 'string!',
  }),
  StasisEnd: event('Notification that a channel has left a Stasis application.', { channel: 'Channel!' }),
  StasisStart: event('Notification that a channel has entered a Stasis application.', {
    args: 'List[string]!',
    channel: 'Channel!',
  }),
};

const eventsModels: Record<string, ModelDef> = {
  Message: { description: 'Base type for errors and events', props: { type: 'string!', asterisk_id: 'string' } },
  Event: {
    description: 'Base type for asynchronous events from Asterisk.',
    props: { application: 'string!', timestamp: 'Date!' },
  },
  ...EVENT_MODELS,
};

export const MODELS: Record<ResourceName, Record<string, ModelDef>> = {
  asterisk: {
    BuildInfo: {
      description: 'Info about how Asterisk was built',
      props: {
        os: 'string!',
        kernel: 'string!',
        options: 'string!',
        machine: 'string!',
        date: 'string!',
        user: 'string!',
      },
    },
    SystemInfo: { description: 'Info about Asterisk', props: { version: 'string!', entity_id: 'string!' } },
    SetId: { description: 'Effective user/group id', props: { user: 'string!', group: 'string!' } },
    ConfigInfo: {
      description: 'Info about Asterisk configuration',
      props: { name: 'string!', default_language: 'string!', setid: 'SetId!' },
    },
    StatusInfo: {
      description: 'Info about Asterisk status',
      props: { startup_time: 'Date!', last_reload_time: 'Date!' },
    },
    AsteriskInfo: {
      description: 'Asterisk system information',
      props: { build: 'BuildInfo', system: 'SystemInfo', config: 'ConfigInfo', status: 'StatusInfo' },
    },
    AsteriskPing: {
      description: 'Asterisk ping information',
      props: { asterisk_id: 'string!', ping: 'string!', timestamp: 'string!' },
    },
    Variable: { description: 'The value of a channel variable', props: { value: 'string!' } },
  },
  endpoints: {
    Endpoint: {
      description: 'An external device that may offer/accept calls to/from Asterisk.',
      props: { technology: 'string!', resource: 'string!', state: 'string', channel_ids: 'List[string]!' },
    },
  },
  channels: channelModels,
  bridges: { Bridge: bridgeModel },
  recordings: {
    StoredRecording: {
      description: 'A past recording that may be played back.',
      props: { name: 'string!', format: 'string!' },
    },
    LiveRecording: liveRecordingModel,
  },
  sounds: {
    FormatLangPair: {
      description: 'Identifies the format and language of a sound file',
      props: { language: 'string!', format: 'string!' },
    },
    Sound: {
      description: 'A media file that may be played back.',
      props: { id: 'string!', text: 'string', formats: 'List[FormatLangPair]!' },
    },
  },
  playbacks: { Playback: playbackModel },
  deviceStates: {
    DeviceState: { description: 'Represents the state of a device.', props: { name: 'string!', state: 'string!' } },
  },
  mailboxes: {
    Mailbox: {
      description: 'Represents the state of a mailbox.',
      props: { name: 'string!', old_messages: 'int!', new_messages: 'int!' },
    },
  },
  events: eventsModels,
  applications: {
    Application: {
      description: 'Details of a Stasis application',
      props: {
        name: 'string!',
        channel_ids: 'List[string]!',
        bridge_ids: 'List[string]!',
        endpoint_ids: 'List[string]!',
        device_names: 'List[string]!',
        events_allowed: 'List[object]!',
        events_disallowed: 'List[object]!',
      },
    },
  },
};

/** Expand the compact notation into Swagger 1.2 model JSON. */
export function swaggerModels(resource: ResourceName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, def] of Object.entries(MODELS[resource])) {
    const properties: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(def.props)) {
      const required = spec.endsWith('!');
      properties[name] = { type: required ? spec.slice(0, -1) : spec, required, description: name };
    }
    const model: Record<string, unknown> = { id, description: def.description, properties };
    if (id === 'Message') {
      model.discriminator = 'type';
      model.subTypes = ['Event'];
    } else if (id === 'Event') {
      model.extends = 'Message';
      model.subTypes = Object.keys(EVENT_MODELS);
    } else if (resource === 'events') {
      model.extends = 'Event';
    }
    out[id] = model;
  }
  return out;
}
