import type { CallDialCommandV1, CommandAck } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionalRealtime } from '../../realtime';

export interface DialButtonViewProps {
  number: string;
  busy: boolean;
  error: string | null;
  onDial(): void;
}

/** A small 전화 걸기 button beside a number, named with the number; a refusal shows next to it. */
export function DialButtonView({ number, busy, error, onDial }: DialButtonViewProps) {
  const { t } = useTranslation();
  return (
    <span className="dial-button">
      <button
        type="button"
        className="btn btn-small btn-link"
        disabled={busy}
        aria-label={t('callbacks.dialFor', { number })}
        data-action="dial"
        onClick={onDial}
      >
        {t('callbacks.dial')}
      </button>
      {error ? (
        <span className="small alert-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Click-to-dial for any number on screen (a company's contacts): `call.dial.v1` through the
 * console's telephony connection; the desk then shows the call (the app switches to it on the
 * offer). Nothing is shown where there is no connection. One click at a time.
 */
export function DialButton({ number, callbackId = null }: { number: string; callbackId?: string | null }) {
  const rt = useOptionalRealtime();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!rt) return null;
  const dial = async () => {
    if (busy) return;
    setBusy(true);
    const command: CallDialCommandV1 = { number, callbackId };
    const ack: CommandAck = await rt.command('call.dial.v1', command);
    setError(ack.ok ? null : ack.error.message);
    setBusy(false);
  };
  return <DialButtonView number={number} busy={busy} error={error} onDial={() => void dial()} />;
}
