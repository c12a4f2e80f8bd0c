import type { RecordingPause } from '@cc1357/contracts';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { formatDuration } from '../../lib/format';
import { PLAYBACK_RATES, pauseLength, pauseMarkers, seekWithin } from './recordings-model';

/** "1분 12초" / "45초": how long a pause lasted. */
export function pauseLengthText(t: TFunction, ms: number): string {
  const { min, sec } = pauseLength(ms);
  return min > 0 ? t('recordings.pauseMinSec', { min, sec }) : t('recordings.pauseSec', { sec });
}

/**
 * The audio with its waveform (wavesurfer.js over an <audio> element: the element plays the
 * signed URL with range requests, wavesurfer draws and seeks). Keyboard: Space plays or pauses,
 * ← / → move 5 s; the buttons do the same for pointer users and screen readers.
 *
 * Pauses: the PBX left the paused audio out of the file, so each pause is a marker (a regions
 * plugin region without an end) at its offset in the file, labelled with how long it lasted;
 * the same pauses are listed as text below, each a button that seeks to it.
 */
export function RecordingPlayer({
  url,
  onDownload,
  pauses,
}: {
  /** Absolute signed URL (wavesurfer compares it with the element's resolved src). */
  url: string;
  /** Asks crm-api for a download URL (audited as a download) only when the button is used. */
  onDownload: (() => void) | null;
  pauses: readonly RecordingPause[];
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [rate, setRate] = useState(1);

  useEffect(() => {
    if (!container.current || !audio.current) return;
    const plugin = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: container.current,
      media: audio.current,
      url,
      height: 72,
      waveColor: '#9db3d6',
      progressColor: '#1f4e99',
      cursorColor: '#c0392b',
      normalize: true,
      dragToSeek: true,
      plugins: [plugin],
    });
    surfer.current = ws;
    regions.current = plugin;
    const subs = [
      ws.on('ready', (d) => (setReady(true), setDuration(d))),
      ws.on('timeupdate', (s) => setTime(s)),
      ws.on('play', () => setPlaying(true)),
      ws.on('pause', () => setPlaying(false)),
      ws.on('finish', () => setPlaying(false)),
    ];
    return () => {
      subs.forEach((off) => off());
      ws.destroy();
      surfer.current = null;
      regions.current = null;
      setReady(false);
    };
  }, [url]);

  // The markers follow the pauses (the detail may arrive after the audio) once the file is decoded.
  useEffect(() => {
    const plugin = regions.current;
    if (!ready || !plugin) return;
    plugin.clearRegions();
    pauseMarkers(pauses).forEach((m, i) =>
      plugin.addRegion({
        ...m,
        color: 'rgba(192, 57, 43, 0.9)',
        content: `⏸ ${pauseLengthText(t, pauses[i]!.pausedMs)}`,
      }),
    );
  }, [ready, pauses, t]);

  const seek = (delta: number) => {
    const ws = surfer.current;
    if (ws) ws.setTime(seekWithin(ws.getCurrentTime(), delta, ws.getDuration()));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      seek(e.key === 'ArrowLeft' ? -5 : 5);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      void surfer.current?.playPause();
    }
  };

  return (
    <section className="panel recording-player" aria-label={t('recordings.player')}>
      <audio ref={audio} src={url} preload="metadata" />
      <div
        ref={container}
        className="waveform"
        role="slider"
        tabIndex={0}
        aria-label={t('recordings.waveform')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(time)}
        aria-valuetext={t('recordings.position', { current: formatDuration(time), total: formatDuration(duration) })}
        onKeyDown={onKey}
      />
      {!ready ? (
        <p className="muted small" role="status">
          {t('recordings.loadingAudio')}
        </p>
      ) : null}
      <div className="player-controls">
        <button type="button" className="btn" onClick={() => seek(-5)} disabled={!ready}>
          {t('recordings.back')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void surfer.current?.playPause()}
          disabled={!ready}
          aria-pressed={playing}
        >
          {playing ? t('recordings.pause') : t('recordings.play')}
        </button>
        <button type="button" className="btn" onClick={() => seek(5)} disabled={!ready}>
          {t('recordings.forward')}
        </button>
        <span className="mono" aria-live="off">
          {t('recordings.position', { current: formatDuration(time), total: formatDuration(duration) })}
        </span>
        <label>
          {t('recordings.speed')}{' '}
          <select
            value={rate}
            onChange={(e) => {
              const r = Number(e.target.value);
              setRate(r);
              surfer.current?.setPlaybackRate(r, true);
            }}
          >
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        {onDownload ? (
          <button type="button" className="btn" onClick={onDownload}>
            {t('recordings.download')}
          </button>
        ) : null}
      </div>
      {pauses.length > 0 ? (
        <section aria-labelledby="recording-pauses-title">
          <h4 id="recording-pauses-title" className="small">
            {t('recordings.pauses')}
          </h4>
          <ul className="recording-pauses small">
            {pauses.map((p, i) => {
              const at = formatDuration(p.offsetMs / 1000);
              return (
                <li key={i}>
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    disabled={!ready}
                    title={t('recordings.pauseSeek', { at })}
                    onClick={() => surfer.current?.setTime(p.offsetMs / 1000)}
                  >
                    {t('recordings.pauseAt', { at, length: pauseLengthText(t, p.pausedMs) })}
                    {p.untilEnd ? ` ${t('recordings.pauseUntilEnd')}` : ''}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
