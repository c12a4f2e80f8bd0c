import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isMyDayShortcut, MY_DAY_SHORTCUT } from './my-day-model';
import { MY_DAY_PANEL_ID } from './MyDayPanel';

/**
 * The panel's open state and its shortcut (Shift+F2) while the desk is on screen. Opening moves
 * focus to the panel's heading, closing back to the toggle button, so the keyboard never loses
 * its place.
 */
export function useMyDayToggle(enabled: boolean): {
  open: boolean;
  toggle: () => void;
  close: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  buttonRef: RefObject<HTMLButtonElement | null>;
} {
  const [open, setOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  const moved = useRef(false);
  const toggle = () => {
    moved.current = true;
    setOpen((o) => !o);
  };
  const close = () => {
    moved.current = true;
    setOpen(false);
  };
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (open ? headingRef.current : buttonRef.current)?.focus();
  }, [open]);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isMyDayShortcut(event)) return;
    event.preventDefault();
    if (!event.repeat) toggle();
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
  return { open, toggle, close, headingRef, buttonRef };
}

export function MyDayButton({
  open,
  onToggle,
  buttonRef,
}: {
  open: boolean;
  onToggle: () => void;
  buttonRef?: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <button
      ref={buttonRef}
      type="button"
      className="btn"
      aria-expanded={open}
      aria-controls={MY_DAY_PANEL_ID}
      aria-keyshortcuts={MY_DAY_SHORTCUT}
      title={t('myDay.shortcutHint')}
      onClick={onToggle}
      data-testid="my-day-toggle"
    >
      {t('myDay.open')} <kbd>{MY_DAY_SHORTCUT}</kbd>
    </button>
  );
}
