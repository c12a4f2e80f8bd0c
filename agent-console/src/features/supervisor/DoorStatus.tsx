import type { FloorDoorV1 } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';

/**
 * The telephony servers' doors on the wallboard. A server whose event loop falls behind hangs up
 * new callers unanswered (telephony's door, ADMISSION_MAX_EVENT_LOOP_DELAY_MS) so the callers
 * already in keep their service; the floor sees how many were turned away today and whether a
 * door is closed right now. `door` is absent from older telephony.
 */

/** Today's callers turned away at a closed door, every server summed; – when not reported. */
export function DoorKpi({ door }: { door: FloorDoorV1 | undefined }) {
  const { t } = useTranslation();
  const refused = door?.refusedToday;
  const hint = door ? t('door.refusedHint') : `${t('door.refusedHint')} ${t('door.unknown')}`;
  return (
    <li className={`kpi ${refused ? 'hot' : ''}`} title={hint}>
      <span className="kpi-value" data-testid="kpi-door-refused" aria-describedby="kpi-door-refused-hint">
        {refused === undefined ? '–' : refused}
      </span>
      <span className="kpi-label">{t('door.refused')}</span>
      <span id="kpi-door-refused-hint" className="sr-only">
        {hint}
      </span>
    </li>
  );
}

/**
 * A red notice while any server's door is closed. Polite live region, always in the page so what
 * appears in it is announced, without interrupting a screen reader on every snapshot.
 */
export function DoorAlert({ door }: { door: FloorDoorV1 | undefined }) {
  const { t } = useTranslation();
  const closed = door?.closedNodes ?? 0;
  return (
    <div className="door-live" role="status" aria-live="polite" data-testid="door-alert">
      {closed > 0 ? (
        <div className="alert alert-error" data-closed-nodes={closed}>
          <strong>{t('door.closedTitle')}</strong> {t('door.closed', { count: closed })}
        </div>
      ) : null}
    </div>
  );
}
