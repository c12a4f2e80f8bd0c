/**
 * How long a media URI plays (simulated ms), or null when the sound "does not exist"
 * (ARI then reports PlaybackStarted followed at once by PlaybackFinished `failed`).
 */
export interface MediaCatalog {
  durationMs(mediaUri: string): number | null;
  soundIds(): string[];
}

/** Core English sounds used by the reference traces, with their real lengths (rounded). */
export const BUILTIN_SOUND_MS: Record<string, number> = {
  'hello-world': 1400,
  'demo-congrats': 9000,
  'pls-hold-while-try': 2420,
  beep: 420,
  'vm-intro': 3500,
  'queue-thankyou': 2100,
};

export interface MediaCatalogOptions {
  soundDurationsMs?: Record<string, number>;
  defaultSoundMs?: number;
  knownSounds?: 'any' | Set<string>;
  /** Stored recordings can be played with `recording:<name>`. */
  recordingDurationMs?: (name: string) => number | null;
}

export function createMediaCatalog(options: MediaCatalogOptions): MediaCatalog {
  const table = { ...BUILTIN_SOUND_MS, ...(options.soundDurationsMs ?? {}) };
  const fallback = options.defaultSoundMs ?? 2000;
  const known = options.knownSounds ?? 'any';
  return {
    durationMs(uri) {
      const colon = uri.indexOf(':');
      const scheme = colon < 0 ? '' : uri.slice(0, colon);
      const id = uri.slice(colon + 1);
      switch (scheme) {
        case 'sound':
          if (known !== 'any' && !known.has(id) && !(id in (options.soundDurationsMs ?? {}))) return null;
          return table[id] ?? fallback;
        case 'recording':
          return options.recordingDurationMs?.(id) ?? null;
        case 'tone':
          return fallback;
        case 'digits':
        case 'characters':
          return Math.max(1, id.length) * 500;
        case 'number':
          return 1500;
        default:
          return null;
      }
    },
    soundIds: () => Object.keys(table),
  };
}
