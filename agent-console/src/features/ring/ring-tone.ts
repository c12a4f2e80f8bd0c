/**
 * A ring tone made with the Web Audio API (no audio file to bundle or load): two short bursts of
 * 440 + 480 Hz — the two tones Korean and North American phones ring with — every two seconds.
 *
 * Browsers let a page start sound only after a user gesture: `primeAudio()` is called from the
 * Ready click, which creates (or resumes) the one AudioContext the tone later plays through.
 */

type AudioContextLike = AudioContext;

let shared: AudioContextLike | null = null;

function audioContextClass(): (new () => AudioContextLike) | null {
  return typeof AudioContext === 'undefined' ? null : AudioContext;
}

/** Creates or resumes the audio context; call it inside a user gesture. False when there is no Web Audio. */
export function primeAudio(): boolean {
  const Ctor = audioContextClass();
  if (!Ctor) return false;
  try {
    shared ??= new Ctor();
    if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

const CYCLE_MS = 2000;
const BURSTS = [
  { at: 0, length: 0.4 },
  { at: 0.6, length: 0.4 },
];

function burst(ctx: AudioContextLike, startAt: number, length: number): void {
  const gain = ctx.createGain();
  gain.gain.setValueAtTime(0, startAt);
  // A short ramp in and out: no click at either end.
  gain.gain.linearRampToValueAtTime(0.15, startAt + 0.02);
  gain.gain.setValueAtTime(0.15, startAt + length - 0.02);
  gain.gain.linearRampToValueAtTime(0, startAt + length);
  gain.connect(ctx.destination);
  for (const frequency of [440, 480]) {
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    osc.connect(gain);
    osc.start(startAt);
    osc.stop(startAt + length);
  }
}

/** Rings until the returned function is called. Silent (and harmless) without Web Audio or a primed context. */
export function startRingTone(): () => void {
  if (!shared && !primeAudio()) return () => undefined;
  const ctx = shared;
  if (!ctx) return () => undefined;
  const ring = () => {
    try {
      const t0 = ctx.currentTime + 0.05;
      for (const b of BURSTS) burst(ctx, t0 + b.at, b.length);
    } catch {
      // A closed or broken context: the title, notification and screen stay.
    }
  };
  ring();
  const id = setInterval(ring, CYCLE_MS);
  return () => clearInterval(id);
}
